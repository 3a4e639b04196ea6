package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.SerializationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The read budget refuses a container as soon as its elements' unfolded sizes pass the limit, before
 * it adds (and hashes) the next one: siblings that each share one object just under the limit are not
 * each hashed in full first (a few kilobytes would otherwise cost time quadratic in their size).
 */
class SiblingBudgetTest {
    /** A leaf that counts how often it is hashed. */
    public static final class CountedLeaf {
        static final AtomicLong HASHES = new AtomicLong();
        int value;

        public CountedLeaf() {}

        @Override
        public int hashCode() {
            HASHES.incrementAndGet();
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CountedLeaf l && l.value == value;
        }
    }

    /** L0 = [leaf]; L(j+1) = [Lj, Lj]: a few bytes a level, 2^levels leaves unfolded. */
    private static List<Object> shared(int levels) {
        List<Object> l = new ArrayList<>(List.of(new CountedLeaf()));
        for (int j = 0; j < levels; j++) {
            List<Object> next = new ArrayList<>();
            next.add(l);
            next.add(l);
            l = next;
        }
        return l;
    }

    /** A set of [i, B] for every i, every one sharing B; the members are hashed while still small. */
    private static Set<Object> siblings(int count, List<Object> shared) {
        Set<Object> set = new HashSet<>();
        List<List<Object>> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Object> member = new ArrayList<>();
            member.add(i);
            set.add(member);
            members.add(member);
        }
        for (List<Object> member : members) {
            member.add(shared);
        }
        return set;
    }

    @Test
    void siblingsSharingAnObjectNearTheLimitAreRefusedBeforeEachIsHashed() {
        Serializer<Object, byte[]> kryo = Serializers.fromUrl("kryo://?allow=io.cachetory.serializer");
        int levels = 14; // B unfolds to ~3 * 2^14 objects: two siblings fit the 100,000 limit, three do not
        byte[] bytes = kryo.serialize(siblings(200, shared(levels)));
        assertThat(Math.max(ReadBudget.MIN_LIMIT, ReadBudget.PER_BYTE * bytes.length)).isEqualTo(ReadBudget.MIN_LIMIT);
        CountedLeaf.HASHES.set(0);

        assertThatThrownBy(() -> kryo.deserialize(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unfolds to more than");
        long leavesOfB = 1L << levels;
        assertThat(CountedLeaf.HASHES.get()).as("leaf hashes (B has %d leaves)", leavesOfB).isLessThan(3 * leavesOfB);
    }
}
