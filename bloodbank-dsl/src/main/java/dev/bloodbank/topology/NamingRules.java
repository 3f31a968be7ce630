package dev.bloodbank.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming conventions of the ecosystem. Event keys say what happened:
 * {@code <domain>.<entity>.<past-tense-action>} ({@code github.pull-request.merged}); command keys
 * say what to do: {@code <domain>.<entity>.<action>} with an imperative action
 * ({@code agent.task.assign}); service names are one lower-case kebab-case word group
 * ({@code transcript-processor}). A violation says what is wrong and, where it can, the name that
 * was probably meant.
 */
public final class NamingRules {

    /** Why a name breaks the rules, and how to fix it. */
    public record Violation(String message, String hint) {}

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String EVENT_SHAPE = "<domain>.<entity>.<past-tense-action>";
    private static final String COMMAND_SHAPE = "<domain>.<entity>.<action>";

    /**
     * Irregular verbs as {@code base past participle}: the past forms count as past tense, and the
     * table turns one form into the other for suggestions.
     */
    private static final List<String> IRREGULAR_VERBS = List.of(
            "arise arose arisen", "awake awoke awoken", "be was been", "bear bore borne", "beat beat beaten",
            "become became become", "begin began begun", "bend bent bent", "bet bet bet", "bid bid bid",
            "bind bound bound", "bite bit bitten", "bleed bled bled", "blow blew blown", "break broke broken",
            "breed bred bred", "bring brought brought", "broadcast broadcast broadcast", "build built built",
            "burn burnt burnt", "burst burst burst", "buy bought bought", "cast cast cast", "catch caught caught",
            "choose chose chosen", "cling clung clung", "come came come", "cost cost cost", "creep crept crept",
            "cut cut cut", "deal dealt dealt", "dig dug dug", "do did done", "draw drew drawn", "dream dreamt dreamt",
            "drink drank drunk", "drive drove driven", "dwell dwelt dwelt", "eat ate eaten", "fall fell fallen",
            "feed fed fed", "feel felt felt", "fight fought fought", "find found found", "fit fit fit", "flee fled fled",
            "fling flung flung", "fly flew flown", "forbid forbade forbidden", "forecast forecast forecast",
            "forget forgot forgotten", "forgive forgave forgiven", "freeze froze frozen", "get got gotten",
            "give gave given", "go went gone", "grind ground ground", "grow grew grown", "hang hung hung",
            "have had had", "hear heard heard", "hide hid hidden", "hit hit hit", "hold held held", "hurt hurt hurt",
            "keep kept kept", "kneel knelt knelt", "know knew known", "lay laid laid", "lead led led",
            "lean leant leant", "leap leapt leapt", "learn learnt learnt", "leave left left", "lend lent lent",
            "let let let", "lie lay lain", "light lit lit", "lose lost lost", "make made made", "mean meant meant",
            "meet met met", "mislay mislaid mislaid", "mistake mistook mistaken", "mow mowed mown",
            "overcome overcame overcome", "override overrode overridden", "overrun overran overrun",
            "overtake overtook overtaken", "overthrow overthrew overthrown", "overwrite overwrote overwritten",
            "pay paid paid", "prepay prepaid prepaid", "prove proved proven", "put put put", "quit quit quit",
            "read read read", "rebuild rebuilt rebuilt", "redo redid redone", "remake remade remade",
            "repay repaid repaid", "rerun reran rerun", "resell resold resold", "resend resent resent",
            "reset reset reset", "retell retold retold", "rethink rethought rethought", "rewind rewound rewound",
            "rewrite rewrote rewritten", "rid rid rid", "ride rode ridden", "ring rang rung", "rise rose risen",
            "run ran run", "say said said", "see saw seen", "seek sought sought", "sell sold sold",
            "send sent sent", "set set set", "sew sewed sewn", "shake shook shaken", "shed shed shed",
            "shine shone shone", "shoot shot shot", "show showed shown", "shrink shrank shrunk", "shut shut shut",
            "sing sang sung", "sink sank sunk", "sit sat sat", "sleep slept slept", "slide slid slid",
            "sling slung slung", "sow sowed sown", "speak spoke spoken", "speed sped sped", "spend spent spent",
            "spill spilt spilt", "spin spun spun", "spit spat spat", "split split split", "spread spread spread",
            "spring sprang sprung", "stand stood stood", "steal stole stolen", "stick stuck stuck",
            "sting stung stung", "stride strode stridden", "strike struck struck", "strive strove striven",
            "swear swore sworn", "sweep swept swept", "swell swelled swollen", "swim swam swum",
            "swing swung swung", "take took taken", "teach taught taught", "tear tore torn", "tell told told",
            "think thought thought", "throw threw thrown", "thrust thrust thrust", "tread trod trodden",
            "unbind unbound unbound", "undergo underwent undergone", "understand understood understood",
            "undertake undertook undertaken", "undo undid undone", "unfreeze unfroze unfrozen",
            "uphold upheld upheld", "upset upset upset", "wake woke woken", "wear wore worn", "weave wove woven",
            "wed wed wed", "weep wept wept", "win won won", "wind wound wound", "withdraw withdrew withdrawn",
            "withhold withheld withheld", "wring wrung wrung", "write wrote written");

    /** Words ending in -ed that are not past tense. */
    private static final Set<String> NOT_PAST = Set.of(
            "bed", "bleed", "breed", "creed", "deed", "embed", "exceed", "feed", "greed", "heed", "hundred",
            "kindred", "naked", "need", "proceed", "red", "reed", "sacred", "seed", "shred", "sled", "speed",
            "steed", "succeed", "weed", "wicked");

    /** Regular past forms that the spelling rules below would turn into the wrong imperative. */
    private static final Map<String, String> SPECIAL_BASES = Map.ofEntries(
            Map.entry("created", "create"), Map.entry("synced", "sync"), Map.entry("developed", "develop"),
            Map.entry("cancelled", "cancel"), Map.entry("canceled", "cancel"), Map.entry("labelled", "label"),
            Map.entry("modelled", "model"), Map.entry("travelled", "travel"), Map.entry("signalled", "signal"),
            Map.entry("stored", "store"), Map.entry("ignored", "ignore"), Map.entry("restored", "restore"),
            Map.entry("scored", "score"), Map.entry("explored", "explore"), Map.entry("edited", "edit"),
            Map.entry("visited", "visit"), Map.entry("audited", "audit"), Map.entry("exited", "exit"),
            Map.entry("limited", "limit"), Map.entry("invited", "invite"), Map.entry("united", "unite"),
            Map.entry("cited", "cite"), Map.entry("targeted", "target"), Map.entry("budgeted", "budget"),
            Map.entry("focused", "focus"), Map.entry("pivoted", "pivot"));

    /** State words that are often written where an event's verb belongs, and the verb that says it. */
    private static final Map<String, String> STATE_WORDS = Map.of(
            "ready", "completed", "available", "published", "complete", "completed", "success", "succeeded",
            "failure", "failed", "error", "failed", "ok", "succeeded", "new", "created", "gone", "deleted");

    /** Verbs stressed on their last syllable, which double the final consonant: submit, submitted. */
    private static final Set<String> DOUBLING = Set.of(
            "admit", "commit", "compel", "control", "emit", "expel", "format", "occur", "omit", "patrol", "permit",
            "prefer", "propel", "recur", "refer", "regret", "submit", "transfer", "transmit", "upset", "equip");

    /** Endings after which a regular past form dropped a silent e: updat(e)d, merg(e)d, queu(e)d. */
    private static final Pattern SILENT_E = Pattern.compile(
            ".*([^aeiou](at|ir|ur|ar|ot|ok|in|on|am|om|um|im|ap|ip|op|ut|od|ud|id|ib|ul)|y[pszl]|v|[^z]z|c|u"
                    + "|[rdnl]g|([aeiouy]|[rnp])s|[bcdfgkptz]l|let)");
    private static final Pattern ONE_SYLLABLE_CVC = Pattern.compile("[^aeiou]*[aeiou][^aeiouwxy]");

    private static final Map<String, String> BASE_OF = new HashMap<>();
    private static final Map<String, String> PARTICIPLE_OF = new HashMap<>();
    private static final Set<String> IRREGULAR_PAST = new HashSet<>();
    private static final Set<String> IRREGULAR_BASE = new HashSet<>();

    static {
        for (String row : IRREGULAR_VERBS) {
            String[] forms = row.split(" ");
            IRREGULAR_BASE.add(forms[0]);
            PARTICIPLE_OF.put(forms[0], forms[2]);
            for (int i = 1; i < 3; i++) {
                IRREGULAR_PAST.add(forms[i]);
                BASE_OF.putIfAbsent(forms[i], forms[0]);
            }
        }
    }

    private NamingRules() {}

    /** Why an event key breaks {@code <domain>.<entity>.<past-tense-action>}, if it does. */
    public static Optional<Violation> checkEventKey(String key) {
        return checkKey(key, MessageKind.EVENT, true);
    }

    /** Why a command key breaks {@code <domain>.<entity>.<action>} (an imperative action), if it does. */
    public static Optional<Violation> checkCommandKey(String key) {
        return checkKey(key, MessageKind.COMMAND, true);
    }

    /** Why a service name is not lower-case kebab-case, if it is not. */
    public static Optional<Violation> checkServiceName(String name) {
        if (KEBAB.matcher(name).matches()) return Optional.empty();
        String fixed = kebab(name.replace('.', '-'));
        String hint = KEBAB.matcher(fixed).matches()
                ? "use '" + fixed + "'"
                : "use lower-case letters, digits and single hyphens, starting with a letter, e.g. transcript-processor";
        return Optional.of(new Violation("service name '" + name + "' is not lower-case kebab-case", hint));
    }

    /** Whether a word is a past-tense verb form: a regular -ed form or a known irregular one. */
    public static boolean isPastTense(String word) {
        if (IRREGULAR_PAST.contains(word)) return true;
        return word.length() >= 4 && word.endsWith("ed") && !NOT_PAST.contains(word);
    }

    /** Checks a key; {@code suggest} is false when checking a suggestion itself, so that it is not suggested upon. */
    private static Optional<Violation> checkKey(String key, MessageKind kind, boolean suggest) {
        String shape = kind == MessageKind.EVENT ? EVENT_SHAPE : COMMAND_SHAPE;
        String example = kind == MessageKind.EVENT ? "github.pull-request.merged" : "agent.task.assign";
        String label = kind.label() + " key '" + key + "'";
        if (key.isBlank())
            return Optional.of(new Violation(kind.label() + " key is empty", "write " + shape + ", e.g. " + example));
        String[] segments = key.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty())
                return Optional.of(new Violation(label + " has an empty segment", suggestion(key, kind, suggest)
                        .map(s -> "use '" + s + "'")
                        .orElse("write " + shape + " with a single dot between segments, e.g. " + example)));
        }
        if (segments.length != 3) {
            String message = label + " has " + segments.length + " segment" + (segments.length == 1 ? "" : "s")
                    + "; a" + (kind == MessageKind.EVENT ? "n" : "") + " " + kind.label() + " key has three: " + shape;
            String hint = segments.length > 3
                    ? suggestion(key, kind, suggest).map(s -> "join the entity's words with '-': '" + s + "'").orElse("e.g. " + example)
                    : "name the domain, the entity and the " + (kind == MessageKind.EVENT ? "past-tense action" : "action")
                            + ", e.g. " + example;
            return Optional.of(new Violation(message, hint));
        }
        for (String segment : segments) {
            if (!KEBAB.matcher(segment).matches()) {
                String hint = suggestion(key, kind, suggest)
                        .map(s -> "use '" + s + "'")
                        .orElse("segments use lower-case letters, digits and single hyphens, starting with a letter");
                return Optional.of(new Violation(label + " is not lower-case kebab-case (segment '" + segment + "')", hint));
            }
        }
        String action = segments[2];
        String verb = action.substring(action.lastIndexOf('-') + 1);
        if (kind == MessageKind.EVENT && !isPastTense(verb)) {
            String fixed = segments[0] + "." + segments[1] + "." + replaceLastWord(action, toPast(verb));
            return Optional.of(new Violation(
                    label + " does not end in a past-tense verb ('" + verb + "'); an event says what happened: " + shape,
                    "use '" + fixed + "', or declare it as a command if it asks for something to be done"));
        }
        if (kind == MessageKind.COMMAND && isPastTense(verb) && !IRREGULAR_BASE.contains(verb)) {
            String fixed = segments[0] + "." + segments[1] + "." + replaceLastWord(action, toBase(verb));
            return Optional.of(new Violation(
                    label + " ends in a past-tense verb ('" + verb + "'); a command says what to do, in the imperative",
                    "use '" + fixed + "', or declare it as an event"));
        }
        return Optional.empty();
    }

    /** The key most likely meant, if tidying its case, separators and tense gives a valid one. */
    private static Optional<String> suggestion(String key, MessageKind kind, boolean suggest) {
        if (!suggest) return Optional.empty();
        String[] parts = Arrays.stream(key.split("\\.")).filter(s -> !s.isBlank()).map(NamingRules::kebab)
                .toArray(String[]::new);
        if (parts.length < 3) return Optional.empty();
        String entity = String.join("-", Arrays.copyOfRange(parts, 1, parts.length - 1));
        String action = parts[parts.length - 1];
        String verb = action.substring(action.lastIndexOf('-') + 1);
        if (kind == MessageKind.EVENT && !isPastTense(verb)) action = replaceLastWord(action, toPast(verb));
        if (kind == MessageKind.COMMAND && isPastTense(verb) && !IRREGULAR_BASE.contains(verb))
            action = replaceLastWord(action, toBase(verb));
        String candidate = parts[0] + "." + entity + "." + action;
        return checkKey(candidate, kind, false).isEmpty() ? Optional.of(candidate) : Optional.empty();
    }

    private static String kebab(String text) {
        String lower = SEPARATORS.matcher(text.trim().toLowerCase(Locale.ROOT)).replaceAll("-");
        return EDGE_HYPHENS.matcher(lower).replaceAll("");
    }

    private static String replaceLastWord(String action, String word) {
        int dash = action.lastIndexOf('-');
        return dash < 0 ? word : action.substring(0, dash + 1) + word;
    }

    /** The past participle of a verb, by the irregular table or the spelling rules of -ed. */
    static String toPast(String verb) {
        String state = STATE_WORDS.get(verb);
        if (state != null) return state;
        String irregular = PARTICIPLE_OF.get(verb);
        if (irregular != null) return irregular;
        if (verb.endsWith("ing") && verb.length() > 5) {
            String stem = verb.substring(0, verb.length() - 3);
            if (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
                    && "lsfz".indexOf(stem.charAt(stem.length() - 1)) < 0) stem = stem.substring(0, stem.length() - 1);
            String participle = PARTICIPLE_OF.get(stem);
            return participle != null ? participle : stem + "ed";
        }
        if (verb.endsWith("e")) return verb + "d";
        if (verb.length() > 2 && verb.endsWith("y") && "aeiou".indexOf(verb.charAt(verb.length() - 2)) < 0)
            return verb.substring(0, verb.length() - 1) + "ied";
        if (DOUBLING.contains(verb) || ONE_SYLLABLE_CVC.matcher(verb).matches())
            return verb + verb.charAt(verb.length() - 1) + "ed";
        return verb + "ed";
    }

    /** The imperative of a past form, by the irregular table or by undoing the spelling rules of -ed. */
    static String toBase(String past) {
        String irregular = BASE_OF.get(past);
        if (irregular != null) return irregular;
        String special = SPECIAL_BASES.get(past);
        if (special != null) return special;
        if (past.endsWith("ied") && past.length() > 4) return past.substring(0, past.length() - 3) + "y";
        String stem = past.substring(0, past.length() - 2);
        char last = stem.charAt(stem.length() - 1);
        if (stem.length() > 2 && last == stem.charAt(stem.length() - 2) && "lsfz".indexOf(last) < 0) {
            String undoubled = stem.substring(0, stem.length() - 1);
            if (DOUBLING.contains(undoubled) || ONE_SYLLABLE_CVC.matcher(undoubled).matches()) return undoubled;
        }
        if (SILENT_E.matcher(stem).matches()) return stem + "e";
        return stem;
    }
}
