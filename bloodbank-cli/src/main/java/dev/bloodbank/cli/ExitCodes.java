package dev.bloodbank.cli;

/** The exit codes every command documents; scripts branch on them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The topology, a file or a key the user named is wrong. */
    public static final int USER_ERROR = 1;
    /** The command line itself is wrong: unknown option, missing argument. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
