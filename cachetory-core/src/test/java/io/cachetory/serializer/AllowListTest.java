package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.serializer.declared.Rate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AllowListTest {
    /** A child list, so declared types registered here do not leak into other tests. */
    private final AllowList list = AllowList.global().with(List.of());

    @AfterEach
    void clearProperty() {
        System.clearProperty(AllowList.SYSTEM_PROPERTY);
    }

    @Test
    void builtInsAllowJdkValueTypesAndCollections() {
        assertThat(List.of("java.lang.String", "java.lang.Integer", "java.math.BigDecimal", "java.time.LocalDate",
                "java.time.Ser", "java.time.zone.ZoneRules", "java.util.UUID", "java.util.Optional",
                "java.util.ArrayList", "java.util.HashMap", "java.util.ArrayDeque", "java.util.TreeSet",
                "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$MapN",
                "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$SynchronizedMap",
                "java.util.Collections$EmptyList", "java.util.Collections$SingletonSet", "java.util.CollSer",
                "java.util.Arrays$ArrayList", "java.util.EnumSet$SerializationProxy",
                "io.cachetory.memo.CachedNull"))
                .allSatisfy(name -> assertThat(AllowList.global().isAllowed(name)).as(name).isTrue());
    }

    @Test
    void builtInsRefuseOtherJdkClasses() {
        assertThat(List.of("java.lang.Runtime", "java.lang.ProcessBuilder", "java.net.URL",
                "javax.management.BadAttributeValueExpException", "java.util.Arrays",
                "java.rmi.server.UnicastRemoteObject", "sun.misc.Unsafe", "com.sun.rowset.JdbcRowSetImpl",
                "java.beans.EventHandler", "java.util.ServiceLoader"))
                .allSatisfy(name -> assertThat(AllowList.global().isAllowed(name)).as(name).isFalse());
    }

    @Test
    void arrayIsAllowedWhenItsElementIs() {
        assertThat(AllowList.global().isAllowed("[I")).isTrue();
        assertThat(AllowList.global().isAllowed("[[B")).isTrue();
        assertThat(AllowList.global().isAllowed("[Ljava.lang.String;")).isTrue();
        assertThat(AllowList.global().isAllowed("[[Ljava.lang.Runtime;")).isFalse();
        assertThat(AllowList.global().isAllowed("[Lcom.example.Quote;")).isFalse();
        assertThat(AllowList.global().with("com.example").isAllowed("[Lcom.example.Quote;")).isTrue();
    }

    @Test
    void packageEntryAllowsItsClassesAndSubPackagesOnly() {
        AllowList allow = AllowList.global().with("com.example");

        assertThat(allow.isAllowed("com.example.Quote")).isTrue();
        assertThat(allow.isAllowed("com.example.api.Rate")).isTrue();
        assertThat(allow.isAllowed("com.examplebad.X")).isFalse();
        assertThat(allow.isAllowed("com.exampl")).isFalse();
    }

    @Test
    void classEntryAllowsItsNestedClassesButNotItsSiblings() {
        AllowList allow = AllowList.global().with("io.cachetory.serializer.fixtures.Quote");

        assertThat(allow.isAllowed("io.cachetory.serializer.fixtures.Quote")).isTrue();
        assertThat(allow.isAllowed("io.cachetory.serializer.fixtures.Quote$Leg")).isTrue();
        assertThat(allow.isAllowed("io.cachetory.serializer.fixtures.QuoteX")).isFalse();
        assertThat(allow.isAllowed("io.cachetory.serializer.fixtures.Price")).isFalse();
    }

    @Test
    void packageEntryDoesNotAllowADollarNamedClassOfItsParentPackage() {
        AllowList allow = AllowList.global().with("com.example");

        assertThat(allow.isAllowed("com.example.Quote$Leg")).isTrue();
        assertThat(allow.isAllowed("com.example$X")).isFalse();
    }

    @Test
    void trailingDotOrStarMeansTheSameAsThePackage() {
        assertThat(AllowList.global().with("com.example.").isAllowed("com.example.api.Rate")).isTrue();
        assertThat(AllowList.global().with("com.example.*").isAllowed("com.example.api.Rate")).isTrue();
        assertThat(AllowList.global().with("com.example.*").isAllowed("com.examplebad.X")).isFalse();
    }

    @Test
    void malformedEntryIsRejectedByName() {
        assertThatThrownBy(() -> AllowList.global().with("com..example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com..example");
        assertThatThrownBy(() -> AllowList.global().with("*"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowList.global().with("com.example/Quote"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com.example/Quote");
    }

    @Test
    void childListSeesLaterAdditionsToItsParent() {
        AllowList parent = AllowList.global().with(List.of());
        AllowList child = parent.with("org.acme.one");

        parent.allow("org.acme.two");

        assertThat(child.isAllowed("org.acme.two.Thing")).isTrue();
        assertThat(parent.isAllowed("org.acme.one.Thing")).isFalse();
    }

    @Test
    void systemPropertyEntriesAreAllowedAndReadAtCheckTime() {
        assertThat(AllowList.global().isAllowed("org.prop.Quote")).isFalse();

        System.setProperty(AllowList.SYSTEM_PROPERTY, "org.prop, io.cachetory.serializer.fixtures.Node");

        assertThat(AllowList.global().isAllowed("org.prop.Quote")).isTrue();
        assertThat(AllowList.global().isAllowed("io.cachetory.serializer.fixtures.Node$Inner")).isTrue();
        assertThat(AllowList.global().isAllowed("org.other.Bad")).isFalse();

        System.clearProperty(AllowList.SYSTEM_PROPERTY);

        assertThat(AllowList.global().isAllowed("org.prop.Quote")).isFalse();
    }

    @Test
    void malformedSystemPropertyEntryIsSkipped() {
        System.setProperty(AllowList.SYSTEM_PROPERTY, "org..bad,org.good");

        assertThat(AllowList.global().isAllowed("org.good.Quote")).isTrue();
    }

    @Test
    void declaredGenericTypeAllowsItsArgumentAndPackage() throws Exception {
        list.allowDeclaredType(Signatures.class.getMethod("rates").getGenericReturnType());

        assertThat(list.isAllowed("io.cachetory.serializer.declared.Rate")).isTrue();
        assertThat(list.isAllowed("io.cachetory.serializer.declared.sub.Leg")).isTrue();
        assertThat(list.isAllowed("io.cachetory.serializer.declaredbad.X")).isFalse();
    }

    @Test
    void declaredTypeArgumentsAreFollowedThroughWildcardsArraysAndNesting() throws Exception {
        list.allowDeclaredType(Signatures.class.getMethod("nested").getGenericReturnType());

        assertThat(list.isAllowed("io.cachetory.serializer.declared.sub.Leg")).isTrue();
        assertThat(list.isAllowed("[Lio.cachetory.serializer.declared.sub.Leg;")).isTrue();
    }

    @Test
    void declaredObjectOrMapAllowsNoJdkPackage() throws Exception {
        AllowList before = AllowList.global().with(List.of());
        list.allowDeclaredType(Object.class);
        list.allowDeclaredType(Map.class);
        list.allowDeclaredType(Signatures.class.getMethod("anything").getGenericReturnType());

        for (String name : List.of("java.lang.Runtime", "java.lang.ProcessBuilder", "java.util.ServiceLoader",
                "java.util.concurrent.atomic.AtomicLong", "javax.management.BadAttributeValueExpException")) {
            assertThat(list.isAllowed(name)).as(name).isEqualTo(before.isAllowed(name)).isFalse();
        }
    }

    @Test
    void globalListKeepsWhatTheMemoizationRuntimeDeclares() throws Exception {
        AllowList.global().allowDeclaredType(Signatures.class.getMethod("rate").getGenericReturnType());

        assertThat(AllowList.global().isAllowed(Rate.class.getName())).isTrue();
    }

    interface Signatures {
        List<Rate> rates();

        Map<String, Optional<? extends io.cachetory.serializer.declared.sub.Leg[]>> nested();

        Map<String, Object> anything();

        Rate rate();
    }
}
