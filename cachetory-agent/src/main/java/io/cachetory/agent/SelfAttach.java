package io.cachetory.agent;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;
import net.bytebuddy.agent.ByteBuddyAgent;

/** Attaches the agent jar to the running JVM (kept apart so that premain never loads byte-buddy-agent). */
final class SelfAttach {
    private SelfAttach() {}

    static void attach(Class<?> agentClass) {
        File jar = agentJar(agentClass);
        try {
            ByteBuddyAgent.attach(jar, ByteBuddyAgent.ProcessProvider.ForCurrentVm.INSTANCE);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot attach cachetory-agent (" + jar + ") to this JVM: " + e.getMessage(), e);
        }
    }

    private static File agentJar(Class<?> agentClass) {
        CodeSource source = agentClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot locate the cachetory-agent jar: " + agentClass.getName() + " has no code source");
        }
        File file;
        try {
            file = new File(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot locate the cachetory-agent jar from " + source.getLocation(), e);
        }
        if (!file.isFile()) {
            throw new IllegalStateException(agentClass.getName() + " was loaded from " + file
                    + ", not from cachetory-agent.jar; put the agent jar (cachetory-agent/target/cachetory-agent.jar) on the class path");
        }
        return file;
    }
}
