package io.cachetory.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent touches the memoization runtime only through {@code io.cachetory.memo.MemoBridge}
 * (ARCHITECTURE.md, "Arrows"). This sees the bytecode references of the agent's own classes (the
 * Byte Buddy advice); the calls the ASM fast path writes into application classes and the reflective
 * {@code markInstrumented} lookup are names in strings, checked against the bridge by
 * {@link BridgeContractTest}.
 */
@AnalyzeClasses(packages = "io.cachetory.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class AgentArchitectureTest {

    @ArchTest
    static final ArchRule agentReachesTheRuntimeOnlyThroughMemoBridge = noClasses()
            .that().resideInAPackage("io.cachetory.agent..")
            .should().dependOnClassesThat(resideInAPackage("io.cachetory..")
                    .and(not(resideInAPackage("io.cachetory.agent..")))
                    .and(not(simpleName("MemoBridge").and(resideInAPackage("io.cachetory.memo")))))
            .as("the agent depends on nothing of Cachetory's runtime but io.cachetory.memo.MemoBridge");
}
