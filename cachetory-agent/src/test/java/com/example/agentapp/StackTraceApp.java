package com.example.agentapp;

/**
 * Stack traces through an instrumented @Cached method: the exception thrown by the body keeps the
 * body's source file and line, and the caller's frame is still there.
 */
public final class StackTraceApp {
    public static void main(String[] args) {
        try {
            new ThrowingService().explode("x");
        } catch (IllegalStateException e) {
            StackTraceElement top = e.getStackTrace()[0];
            Facts.fact("message", e.getMessage());
            Facts.fact("topFile", top.getFileName());
            Facts.fact("topMethod", top.getMethodName());
            Facts.fact("topLineIsTheThrow", top.getLineNumber() == ThrowingService.throwLine && top.getLineNumber() > 0);
            Facts.fact("explodeFrames", frames(e, "explode"));
            Facts.fact("callerFrame", hasFrame(e, StackTraceApp.class.getName(), "main"));
        }
        try {
            ThrowingService.explodeStatic(7);
        } catch (IllegalArgumentException e) {
            StackTraceElement top = e.getStackTrace()[0];
            Facts.fact("staticTop", top.getFileName() + ":" + top.getLineNumber());
        }
        Facts.fact("marked", Facts.marked(ThrowingService.class));
    }

    /** The frames of ThrowingService with a method name starting with {@code prefix}: "name:line;...". */
    private static String frames(Throwable e, String prefix) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(ThrowingService.class.getName()) && frame.getMethodName().startsWith(prefix)) {
                out.append(frame.getMethodName()).append(':').append(frame.getLineNumber() > 0).append(';');
            }
        }
        return out.toString();
    }

    private static boolean hasFrame(Throwable e, String className, String method) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
