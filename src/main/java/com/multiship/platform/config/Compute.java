package com.multiship.platform.config;

import java.util.regex.Pattern;

/**
 * An amount of CPU and memory, as Kubernetes requests, limits and quotas count them.
 *
 * @param cpuMillis CPU in millicores ({@code 500m} is 500, {@code 2} is 2000)
 * @param memoryMib memory in mebibytes ({@code 512Mi} is 512, {@code 1Gi} is 1024)
 */
public record Compute(int cpuMillis, int memoryMib) {
    static final Pattern CPU = Pattern.compile("^([1-9][0-9]{0,5}m|[0-9]{1,3}(\\.[0-9]{1,3})?)$");
    static final String CPU_ALLOWED = "a CPU quantity such as 250m, 0.5 or 2";
    static final Pattern MEMORY = Pattern.compile("^[1-9][0-9]{0,6}(Mi|Gi)$");
    static final String MEMORY_ALLOWED = "a memory quantity in Mi or Gi such as 512Mi or 2Gi";

    public static final Compute ZERO = new Compute(0, 0);

    /** The CPU as Kubernetes writes it: whole cores as a number ({@code 2}), otherwise millicores ({@code 500m}). */
    public String cpu() {
        return cpuMillis % 1000 == 0 ? String.valueOf(cpuMillis / 1000) : cpuMillis + "m";
    }

    /** The memory as Kubernetes writes it: whole gibibytes as {@code 2Gi}, otherwise {@code 640Mi}. */
    public String memory() {
        return memoryMib % 1024 == 0 ? memoryMib / 1024 + "Gi" : memoryMib + "Mi";
    }

    public Compute plus(Compute other) {
        return new Compute(cpuMillis + other.cpuMillis, memoryMib + other.memoryMib);
    }

    public Compute times(int count) {
        return new Compute(cpuMillis * count, memoryMib * count);
    }

    /** Reads {@code cpu} and {@code memory} of an object, each defaulting to {@code fallback}'s. */
    static Compute parse(SettingsNode node, Compute fallback) {
        int cpu = cpuMillis(node.scalar("cpu", CPU, CPU_ALLOWED, fallback.cpu()));
        int memory = memoryMib(node.scalar("memory", MEMORY, MEMORY_ALLOWED, fallback.memory()));
        if (cpu == 0) {
            node.invalid("cpu", 0, "more than 0: " + CPU_ALLOWED);
        }
        node.finish();
        return new Compute(cpu, memory);
    }

    static int cpuMillis(String text) {
        if (text.endsWith("m")) {
            return Integer.parseInt(text.substring(0, text.length() - 1));
        }
        return new java.math.BigDecimal(text).movePointRight(3).intValueExact();
    }

    static int memoryMib(String text) {
        int amount = Integer.parseInt(text.substring(0, text.length() - 2));
        return text.endsWith("Gi") ? amount * 1024 : amount;
    }

    static Compute of(String cpu, String memory) {
        return new Compute(cpuMillis(cpu), memoryMib(memory));
    }
}
