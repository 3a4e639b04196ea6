package com.example.agentapp;

import io.cachetory.agent.CachetoryAgent;

/** Started WITHOUT -javaagent (the agent jar is on the class path): attaches the agent at run time. */
public final class InstallApp {
    public static void main(String[] args) {
        EarlyService early = new EarlyService();
        early.load("k"); // before install: plain call
        Facts.fact("installedBefore", CachetoryAgent.isInstalled());
        CachetoryAgent.install();
        CachetoryAgent.install(); // idempotent
        Facts.fact("installedAfter", CachetoryAgent.isInstalled());
        Facts.fact("earlyMarked", Facts.marked(EarlyService.class));

        early.load("k");
        early.load("k");
        Facts.fact("earlyBodyRuns", EarlyService.BODY.get()); // 1 before + 1 after install

        LateService.load("k");
        LateService.load("k");
        Facts.fact("lateMarked", Facts.marked(LateService.class));
        Facts.fact("lateBodyRuns", LateService.BODY.get());
    }
}
