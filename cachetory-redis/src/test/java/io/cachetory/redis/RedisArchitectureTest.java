package io.cachetory.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * cachetory-redis is a backend (ARCHITECTURE.md, "Arrows"): it plugs into the backend SPI and knows
 * nothing of who memoizes, serializes, configures or intercepts.
 */
@AnalyzeClasses(packages = "io.cachetory.redis", importOptions = ImportOption.DoNotIncludeTests.class)
class RedisArchitectureTest {

    @ArchTest
    static final ArchRule redisDependsOnlyOnTheBackendSpiAndTheFacadeBelowMemo = noClasses()
            .that().resideInAPackage("io.cachetory.redis..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cachetory.memo..", "io.cachetory.proxy..",
                    "io.cachetory.config..", "io.cachetory.serializer..", "io.cachetory.agent..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.cachetory.Cachetory");
}
