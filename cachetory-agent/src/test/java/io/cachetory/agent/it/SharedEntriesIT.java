package io.cachetory.agent.it;

import static io.cachetory.agent.it.AgentMachineryIT.assertClean;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.agent.it.ForkedJvm.Jdk;
import io.cachetory.agent.it.ForkedJvm.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entries written by an agent-memoized method in one JVM are hits for a proxy in another JVM (on the
 * other JDK when installed) and for a {@code Memo.of} of the same prefix, type and version in a third:
 * the key tag and the value header do not depend on how a method is memoized, nor on the JDK.
 */
class SharedEntriesIT {
    private static final String APP = "com.example.agentapp.SharedEntriesApp";

    @Test
    void agentProxyAndMemoShareTheEntriesOfOneMethod() throws Exception {
        List<Jdk> jdks = ForkedJvm.jdks().toList();
        Jdk first = jdks.get(0);
        Jdk other = jdks.get(jdks.size() - 1);
        Path dir = Files.createTempDirectory(Files.createDirectories(ForkedJvm.WORK), "shared-entries");

        Result agent = ForkedJvm.run(first, ForkedJvm.agentOptions(first), ForkedJvm.appClassPath(), APP, dir.toString(), "agent");
        assertClean(agent);
        assertThat(agent.facts()).as(agent.describe()).containsEntry("bodyRuns", "2").containsEntry("right", "true");
        assertThat(agent.facts().get("files")).as(agent.describe()).matches("items%23[0-9a-f]{8}%3Aa,items%23[0-9a-f]{8}%3Abb");

        Result proxy = ForkedJvm.run(other, List.of(), ForkedJvm.appClassPath(), APP, dir.toString(), "proxy");
        assertClean(proxy);
        assertThat(proxy.facts()).as(proxy.describe()).containsEntry("bodyRuns", "0").containsEntry("right", "true")
                .containsEntry("files", agent.facts().get("files"));

        Result memo = ForkedJvm.run(first, List.of(), ForkedJvm.appClassPath(), APP, dir.toString(), "memo");
        assertClean(memo);
        assertThat(memo.facts()).as(memo.describe()).containsEntry("bodyRuns", "0").containsEntry("right", "true")
                .containsEntry("files", agent.facts().get("files"));
    }

    @Test
    void entriesAProxyWroteAreHitsUnderTheAgentOnTheOtherJdk() throws Exception {
        List<Jdk> jdks = ForkedJvm.jdks().toList();
        Jdk first = jdks.get(0);
        Jdk other = jdks.get(jdks.size() - 1);
        Path dir = Files.createTempDirectory(Files.createDirectories(ForkedJvm.WORK), "shared-entries-reverse");

        Result proxy = ForkedJvm.run(first, List.of(), ForkedJvm.appClassPath(), APP, dir.toString(), "proxy");
        assertClean(proxy);
        assertThat(proxy.facts()).as(proxy.describe()).containsEntry("bodyRuns", "2").containsEntry("right", "true");

        Result agent = ForkedJvm.run(other, ForkedJvm.agentOptions(other), ForkedJvm.appClassPath(), APP, dir.toString(), "agent");
        assertClean(agent);
        assertThat(agent.facts()).as(agent.describe()).containsEntry("bodyRuns", "0").containsEntry("right", "true")
                .containsEntry("files", proxy.facts().get("files"));
    }
}
