package io.cachetory.memo;

import static io.cachetory.memo.KeyFixtures.args;
import static io.cachetory.memo.KeyFixtures.method;
import static io.cachetory.memo.KeyFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.memo.KeyFixtures.Service;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

    @Test
    void stringArgumentUnderPrefixIsVerbatim() {
        assertThat(template("quote").key(args("AAPL"))).isEqualTo("quotes:AAPL");
    }

    @Test
    void argumentsAreJoinedWithColons() {
        assertThat(template("price").key(args("AAPL", 7))).isEqualTo("quotes:AAPL:7");
    }

    @Test
    void noArgumentsGiveThePrefixAlone() {
        assertThat(template("all").key(args())).isEqualTo("all");
        assertThat(template("all").key(null)).isEqualTo("all");
    }

    @Test
    void emptyPrefixMeansTheMethodIdentity() {
        KeyTemplate template = template("unprefixed");
        assertThat(template.prefix()).isEqualTo("io.cachetory.memo.KeyFixtures$Service.unprefixed");
        assertThat(template.key(args("AAPL"))).isEqualTo("io.cachetory.memo.KeyFixtures$Service.unprefixed:AAPL");
    }

    @Test
    void overloadsIncludeParameterTypesAndNeverShareKeys() {
        KeyTemplate two = KeyTemplate.of(method(Service.class, "overloaded", String.class, int.class));
        KeyTemplate one = KeyTemplate.of(method(Service.class, "overloaded", String.class));
        assertThat(two.prefix()).isEqualTo("io.cachetory.memo.KeyFixtures$Service.overloaded(java.lang.String,int)");
        assertThat(one.prefix()).isEqualTo("io.cachetory.memo.KeyFixtures$Service.overloaded(java.lang.String)");
        assertThat(one.key(args("a:1"))).isNotEqualTo(two.key(args("a", 1)));
    }

    @Test
    void receiverIsNotPartOfTheKey() {
        // The template takes arguments only: two instances of Service derive the same key.
        KeyTemplate template = template("quote");
        assertThat(template.key(args("AAPL"))).isEqualTo(template("quote").key(args("AAPL")));
        assertThat(template.method().getDeclaringClass()).isEqualTo(Service.class);
    }

    @Test
    void cacheKeySelectsParameters() {
        assertThat(template("selected").key(args("AAPL", 99, 7L))).isEqualTo("p:AAPL:7");
        assertThat(template("selected").key(args("AAPL", 1, 7L))).isEqualTo("p:AAPL:7");
    }

    @Test
    void backslashAndColonAreEscaped() {
        assertThat(template("quote").key(args("a:b\\c"))).isEqualTo("quotes:a\\:b\\\\c");
    }

    @Test
    void nullRendersAsBackslashN() {
        assertThat(template("quote").key(args((Object) null))).isEqualTo("quotes:\\N");
    }

    @Test
    void identityFinalParameterTypeFailsAtCreationNamingClassMethodAndParameter() {
        assertThatThrownBy(() -> template("opaque"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.cachetory.memo.KeyFixtures$Service.opaque")
                .hasMessageContaining("parameter 'o'")
                .hasMessageContaining("KeyFixtures$Opaque");
    }

    @Test
    void arrayOfIdentityFinalTypeFailsAtCreation() {
        assertThatThrownBy(() -> template("opaques"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KeyFixtures$Service.opaques")
                .hasMessageContaining("parameter 'o'");
    }

    @Test
    void identityObjectGivenToObjectParameterFailsAtKeyNamingMethodAndParameter() {
        KeyTemplate template = template("object");
        assertThatThrownBy(() -> template.key(args(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KeyFixtures$Service.object(java.lang.Object) parameter 'o'")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void identityObjectGivenToNonFinalParameterFailsAtKey() {
        KeyTemplate template = template("openOpaque");
        assertThatThrownBy(() -> template.key(args(new KeyFixtures.OpenOpaque())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'o'")
                .hasMessageContaining("KeyFixtures$OpenOpaque");
    }

    @Test
    void keyMakerWithoutPublicNoArgConstructorFailsNamingIt() {
        assertThatThrownBy(() -> template("badMaker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KeyFixtures$NoDefaultConstructor")
                .hasMessageContaining("KeyFixtures$Service.badMaker");
    }

    @Test
    void customKeyMakerOutputFollowsAnnotationPrefix() {
        assertThat(template("made").key(args("AAPL"))).isEqualTo("made:aapl");
    }

    @Test
    void customKeyMakerOutputStandsAloneWithoutAnnotationPrefix() {
        assertThat(template("madeUnprefixed").key(args("AAPL"))).isEqualTo("aapl");
    }

    @Test
    void customKeyMakerMayTakeParametersWithNoStableForm() {
        KeyFixtures.Opaque opaque = new KeyFixtures.Opaque();
        assertThat(template("madeOpaque").key(args(opaque))).startsWith("made:io.cachetory.memo.keyfixtures$opaque@");
    }

    @Test
    void hashedKeyMakerChecksParameterFormsAtCreation() {
        assertThatThrownBy(() -> template("hashedOpaque"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KeyFixtures$Service.hashedOpaque")
                .hasMessageContaining("parameter 'o'");
    }
}
