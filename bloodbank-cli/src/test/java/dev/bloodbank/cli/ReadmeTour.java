package dev.bloodbank.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The executable parts of the README, read from its Markdown:
 *
 * <ul>
 *   <li>a session: a {@code ```text} block whose first line is {@code $ bloodbank ...}; each
 *       {@code $ } line is a command, the lines up to the next one are what it prints (stdout and
 *       stderr as a terminal shows them). {@code $ echo $?} prints the exit code of the command
 *       before. A line {@code …} stands for any number of lines; a line {@code ^C} stops the
 *       command there, as Ctrl-C does.</li>
 *   <li>{@code <!-- readme-test: file NAME -->} before a fenced block: the block is written to NAME
 *       in the working directory of the sessions.</li>
 *   <li>{@code <!-- readme-test: meanwhile bloodbank ... -->} before a session: that command runs
 *       once the session's first command printed its first line (e.g. a publish while tail waits).</li>
 * </ul>
 */
record ReadmeTour(List<FileBlock> files, List<Session> sessions) {

    record FileBlock(String name, String content) {}

    /** {@code line} is the README line of the command, for messages. */
    record Step(int line, String command, List<Expected> output) {}

    /** One line the README shows, with its line number; {@code …} and {@code ^C} included. */
    record Expected(int line, String text) {

        boolean anyLines() {
            return text.strip().equals("…");
        }

        boolean interrupt() {
            return text.strip().equals("^C");
        }
    }

    record Session(int line, List<Step> steps, String meanwhile) {}

    private static final Pattern DIRECTIVE = Pattern.compile("<!--\\s*readme-test:\\s*(file|meanwhile)\\s+(.+?)\\s*-->");
    private static final String PROMPT = "$ ";

    static ReadmeTour parse(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<FileBlock> files = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        String pendingFile = null;
        String pendingMeanwhile = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (directive.matches()) {
                if (directive.group(1).equals("file")) pendingFile = directive.group(2);
                else pendingMeanwhile = directive.group(2);
                continue;
            }
            if (!line.startsWith("```")) continue;
            String info = line.substring(3).strip();
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).startsWith("```")) end++;
            if (end == lines.size()) throw new IllegalArgumentException("README.md:" + (i + 1) + ": a fenced block that is never closed");
            List<String> body = lines.subList(start, end);
            if (pendingFile != null) {
                files.add(new FileBlock(pendingFile, String.join("\n", body) + "\n"));
                pendingFile = null;
            } else if (info.equals("text") && !body.isEmpty() && body.get(0).startsWith(PROMPT + "bloodbank ")) {
                sessions.add(new Session(start + 1, steps(body, start + 1), pendingMeanwhile));
                pendingMeanwhile = null;
            }
            i = end;
        }
        return new ReadmeTour(files, sessions);
    }

    private static List<Step> steps(List<String> body, int firstLine) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        int commandLine = 0;
        List<Expected> output = new ArrayList<>();
        for (int k = 0; k < body.size(); k++) {
            String line = body.get(k);
            if (line.startsWith(PROMPT)) {
                if (command != null) steps.add(new Step(commandLine, command, trimTrailingBlank(output)));
                command = line.substring(PROMPT.length()).strip();
                commandLine = firstLine + k;
                output = new ArrayList<>();
            } else {
                output.add(new Expected(firstLine + k, line));
            }
        }
        if (command != null) steps.add(new Step(commandLine, command, trimTrailingBlank(output)));
        return steps;
    }

    /** A blank line before the next command separates them on the page; it is not output. */
    private static List<Expected> trimTrailingBlank(List<Expected> output) {
        int n = output.size();
        while (n > 0 && output.get(n - 1).text().isBlank()) n--;
        return List.copyOf(output.subList(0, n));
    }

    /** The words of a command line as a POSIX shell splits them: 'single' and "double" quotes, no expansion. */
    static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : commandLine.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unclosed quote in: " + commandLine);
        if (inWord) words.add(word.toString());
        return words;
    }
}
