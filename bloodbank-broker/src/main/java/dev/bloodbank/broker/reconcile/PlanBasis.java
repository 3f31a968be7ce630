package dev.bloodbank.broker.reconcile;

/** Whether a plan still fits the broker: it was computed on objects that are still there as they were. */
final class PlanBasis {

    private PlanBasis() {}

    /** @throws StalePlanException when the live objects differ from those the plan was computed on */
    static void check(Plan plan, LiveState live) {
        String now = live.digest();
        if (!now.equals(plan.liveDigest()))
            throw new StalePlanException("the broker changed since this plan was made (vhost '" + plan.vhost()
                    + "' was " + shortDigest(plan.liveDigest()) + ", is " + shortDigest(now)
                    + "); run plan again and apply the new plan");
    }

    private static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
