package io.pipeline.simulator;

import java.util.List;
import java.util.SplittableRandom;

/** A value with its relative weight in a mix (currencies, lead sources, competitors). */
public record Weighted<T>(T value, double weight) {

    public Weighted {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("weight of " + value + " must be >= 0, was " + weight);
        }
    }

    public static <T> Weighted<T> of(T value, double weight) {
        return new Weighted<>(value, weight);
    }

    /** Picks one value with probability proportional to its weight; walks the list in order, so it is deterministic. */
    public static <T> T pick(List<Weighted<T>> mix, SplittableRandom random) {
        double total = 0;
        for (Weighted<T> w : mix) {
            total += w.weight();
        }
        double point = random.nextDouble() * total;
        for (Weighted<T> w : mix) {
            point -= w.weight();
            if (point < 0) {
                return w.value();
            }
        }
        return mix.get(mix.size() - 1).value();
    }
}
