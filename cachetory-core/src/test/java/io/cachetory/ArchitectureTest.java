package io.cachetory;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import io.cachetory.serializer.AllowList;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one-way arrows between the packages of cachetory-core and cachetory-annotations
 * (ARCHITECTURE.md, "Arrows"): proxy → memo → {@code Cache}/{@code AsyncCache} → serializer,
 * backend. Main classes only; tests may reach anywhere.
 */
@AnalyzeClasses(packages = "io.cachetory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The annotations jar has no dependencies: users may compile against it alone. */
    @ArchTest
    static final ArchRule annotationsDependOnNothingButTheJdk = classes()
            .that().resideInAPackage("io.cachetory.annotations..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cachetory.annotations..");

    /** {@code Cachetory} is the users' entry point; the library below it never calls back up into it. */
    @ArchTest
    static final ArchRule nothingInCoreDependsOnTheCachetoryEntryPoint = noClasses()
            .that().doNotHaveFullyQualifiedName(Cachetory.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName(Cachetory.class.getName());

    /** Serializers turn values into bytes; they know nothing of who memoizes, proxies or configures. */
    @ArchTest
    static final ArchRule serializersDoNotDependOnMemoProxyOrConfig = noClasses()
            .that().resideInAPackage("io.cachetory.serializer..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cachetory.memo..", "io.cachetory.proxy..", "io.cachetory.config..");

    /** Backends store entries; they know nothing of who memoizes, proxies or configures. */
    @ArchTest
    static final ArchRule backendsDoNotDependOnMemoProxyOrConfig = noClasses()
            .that().resideInAPackage("io.cachetory.backend..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cachetory.memo..", "io.cachetory.proxy..", "io.cachetory.config..");

    /** Memoization is called by the interceptors (proxy, agent), never the other way round. */
    @ArchTest
    static final ArchRule memoDoesNotDependOnTheInterceptors = noClasses()
            .that().resideInAPackage("io.cachetory.memo..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cachetory.proxy..", "io.cachetory.agent..");

    /**
     * The proxies reach memoization through {@code MemoBridge} (what their inlined advice calls) and
     * {@code CachedMethods} (resolving a class's {@code @Cached} methods before generating it), nothing else.
     */
    @ArchTest
    static final ArchRule proxiesReachMemoOnlyThroughTheBridgeAndTheRuntime = noClasses()
            .that().resideInAPackage("io.cachetory.proxy..")
            .should().dependOnClassesThat(resideInAPackage("io.cachetory.memo..")
                    .and(not(simpleName("MemoBridge").or(simpleName("CachedMethods")))));

    /**
     * Memoization asks the registry for its caches (a configured name is opened by
     * {@code CacheDefinition.open()}); it never builds a backend or a serializer itself.
     */
    @ArchTest
    static final ArchRule memoNeverConstructsBackendsOrSerializers = noClasses()
            .that().resideInAPackage("io.cachetory.memo..")
            .should().dependOnClassesThat().belongToAnyOf(Backends.class, Serializers.class)
            .orShould().callConstructorWhere(target(owner(assignableTo(Backend.class)
                    .or(assignableTo(AsyncBackend.class)).or(assignableTo(Serializer.class)))));

    /**
     * What a memoized method declares it returns reaches the serializers through the caches it uses
     * ({@code Cache.allowDeclaredType}), never through the process-wide allow-list.
     */
    @ArchTest
    static final ArchRule memoDoesNotTouchTheAllowList = noClasses()
            .that().resideInAPackage("io.cachetory.memo..")
            .should().dependOnClassesThat().belongToAnyOf(AllowList.class);

    /** The subpackages of io.cachetory depend on each other without cycles. */
    @ArchTest
    static final ArchRule subpackagesAreFreeOfCycles = slices().matching("io.cachetory.(*)..").should().beFreeOfCycles();
}
