package dev.bloodbank.cli;

/** The exit codes every command documents; scripts branch on them. */
final class ExitCodes {

    static final int OK = 0;
    /** The topology, a file or a key the user named is wrong. */
    static final int USER_ERROR = 1;
    /** The command line itself is wrong: unknown option, missing argument. */
    static final int USAGE = 2;

    private ExitCodes() {}
}
