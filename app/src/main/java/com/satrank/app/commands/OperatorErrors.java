package com.satrank.app.commands;

import io.dropwizard.core.cli.Cli;

/**
 * How operator commands report a refusal: an argument or state the command refuses is the
 * operator's to fix, so it gets one line, not a stack trace; anything else is a bug and keeps its trace.
 */
final class OperatorErrors {
    private OperatorErrors() {
    }

    static void report(Cli cli, Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            cli.getStdErr().println("error: " + e.getMessage());
        } else {
            e.printStackTrace(cli.getStdErr());
        }
    }
}
