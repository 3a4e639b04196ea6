package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * JDK types whose {@code toString()} is lossy or zone-dependent render exactly and zone-free; overloads
 * never share keys whatever their prefix; collections of different kinds never share a key.
 */
class JdkValueKeysTest {

    public static class Dated {
        @Cached(prefix = "d")
        public String date(Date date) {
            return "date " + date.getTime();
        }

        @Cached(prefix = "o")
        public String any(Object value) {
            return String.valueOf(value);
        }

        @Cached(prefix = "c")
        public String collection(Collection<?> values) {
            return values.getClass().getSimpleName();
        }

        @Cached(prefix = "ov")
        public String ov(int value) {
            return "int " + value;
        }

        @Cached(prefix = "ov")
        public String ov(String value) {
            return "string " + value;
        }
    }

    private static KeyTemplate template(String name, Class<?>... types) throws Exception {
        return KeyTemplate.of(Dated.class.getMethod(name, types));
    }

    @Test
    void datesAMillisecondApartHaveDifferentKeys() throws Exception {
        KeyTemplate date = template("date", Date.class);
        assertThat(date.key(new Object[] {new Date(1000)})).isNotEqualTo(date.key(new Object[] {new Date(1999)}));
    }

    @Test
    void aDateHasTheSameKeyInEveryTimeZone() throws Exception {
        KeyTemplate any = template("any", Object.class);
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            String inUtc = any.key(new Object[] {new Date(1_700_000_000_123L)});
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            String inTokyo = any.key(new Object[] {new Date(1_700_000_000_123L)});
            assertThat(inTokyo).isEqualTo(inUtc);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void timestampsDifferingInNanosecondsAndDatesOfOtherKindsHaveDifferentKeys() throws Exception {
        KeyTemplate any = template("any", Object.class);
        Timestamp a = new Timestamp(1000);
        Timestamp b = new Timestamp(1000);
        b.setNanos(1);
        assertThat(Set.of(any.key(new Object[] {a}), any.key(new Object[] {b}),
                any.key(new Object[] {new Date(1000)}), any.key(new Object[] {new java.sql.Date(1000)}))).hasSize(4);
    }

    @Test
    void calendarsOfOneInstantInDifferentZonesHaveDifferentKeys() throws Exception {
        KeyTemplate any = template("any", Object.class);
        Calendar utc = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        Calendar tokyo = new GregorianCalendar(TimeZone.getTimeZone("Asia/Tokyo"));
        utc.setTimeInMillis(5_000);
        tokyo.setTimeInMillis(5_000);
        assertThat(any.key(new Object[] {utc})).isNotEqualTo(any.key(new Object[] {tokyo}));
    }

    @Test
    void aDequeAndAListOfEqualContentHaveDifferentKeys() throws Exception {
        KeyTemplate collection = template("collection", Collection.class);
        assertThat(collection.key(new Object[] {new ArrayDeque<>(List.of(1))}))
                .isNotEqualTo(collection.key(new Object[] {List.of(1)}));
    }

    @Test
    void overloadsSharingAnExplicitPrefixNeverShareEntries() {
        Cachetory.registry().register("default", Cache.memory());
        Dated dated = Cachetory.create(Dated.class);

        assertThat(dated.ov(1)).isEqualTo("int 1");
        assertThat(dated.ov("1")).isEqualTo("string 1");
        assertThat(dated.ov(1)).isEqualTo("int 1");
    }
}
