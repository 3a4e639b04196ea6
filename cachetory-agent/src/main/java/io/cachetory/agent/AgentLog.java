package io.cachetory.agent;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * How the agent reports problems: one line on {@code System.err}, prefixed {@code [cachetory-agent]}.
 * An agent cannot count on an SLF4J binding (or even on SLF4J) being on the class path, and
 * java.util.logging would initialise the logging system of the application during start-up; a plain
 * line is what the JDK's own agents do. {@code -Dcachetory.agent.debug=true} adds the stack trace.
 * Nothing is printed when nothing fails.
 */
final class AgentLog {
    static final String PREFIX = "[cachetory-agent] ";

    private AgentLog() {}

    /** A line printed only with {@code -Dcachetory.agent.debug=true} (a fallback that still succeeded). */
    static void debug(String message, Throwable cause) {
        if (Boolean.getBoolean("cachetory.agent.debug")) {
            System.err.println(PREFIX + "DEBUG " + message + (cause == null ? "" : ": " + cause));
        }
    }

    static void error(String message, Throwable cause) {
        StringBuilder line = new StringBuilder(PREFIX).append("ERROR ").append(message);
        if (cause != null) {
            line.append(": ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                line.append(": ").append(cause.getMessage().replace('\n', ' '));
            }
        }
        String text = line.toString();
        if (cause != null && Boolean.getBoolean("cachetory.agent.debug")) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            text = text + System.lineSeparator() + trace;
        }
        System.err.println(text);
    }
}
