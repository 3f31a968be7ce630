package dev.bloodbank.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * How the timers report their distribution: percentiles computed in the process (cheap to read,
 * but per instance, so they cannot be combined across instances) and, optionally, a percentile
 * histogram whose buckets a backend such as Prometheus sums across instances before it computes
 * a quantile.
 */
record TimerShape(double[] percentiles, boolean percentileHistogram) {

    static final TimerShape DEFAULT = new TimerShape(new double[] {0.5, 0.95, 0.99}, false);

    TimerShape {
        percentiles = percentiles.clone();
        for (double p : percentiles)
            if (!(p > 0 && p < 1)) throw new IllegalArgumentException("a percentile must be between 0 and 1 (exclusive), was " + p);
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }

    Timer register(MeterRegistry registry, String name, String description, Tags tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentiles(percentiles.length == 0 ? null : percentiles)
                .publishPercentileHistogram(percentileHistogram)
                .register(registry);
    }
}
