package io.pipeline.simulator;

import java.util.SplittableRandom;

/**
 * The random draws of the simulation. Each entity gets a generator of its own, seeded from the run's seed and the
 * entity's identity, so an entity's story does not depend on how many draws the others made. {@link StrictMath}
 * keeps the numbers identical on every JVM and platform.
 */
final class Draws {

    static final long SECONDS_PER_DAY = 86_400;

    private Draws() {
    }

    /** A generator for one entity: {@code kind} tells entity families apart, {@code index} the entity. */
    static SplittableRandom forEntity(long seed, long kind, long index) {
        return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (kind + 1)) + index));
    }

    /** The finalizer of SplitMix64: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * StrictMath.log(1 - random.nextDouble());
    }

    /** Gamma of shape 2: a duration that is rarely near zero and has a moderate tail; its sd is mean / sqrt(2). */
    static double gamma2(SplittableRandom random, double mean) {
        return exponential(random, mean / 2) + exponential(random, mean / 2);
    }

    static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    static double logNormal(SplittableRandom random, SimulationConfig.LogNormal distribution) {
        return distribution.median() * StrictMath.exp(distribution.sigma() * gaussian(random));
    }

    /** Poisson counts; the normal approximation above a mean of 30, where the exact method would underflow. */
    static int poisson(SplittableRandom random, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian(random)));
        }
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    static long days(double days) {
        return Math.round(days * SECONDS_PER_DAY);
    }

    static <T> T oneOf(SplittableRandom random, java.util.List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
