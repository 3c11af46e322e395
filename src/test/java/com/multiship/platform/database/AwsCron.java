package com.multiship.platform.database;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Enough of AWS's six-field cron expressions ({@code cron(minutes hours day-of-month month day-of-week year)}, as
 * AWS Backup and EventBridge read them) to ask, for each minute of a week in UTC, whether a weekly schedule fires:
 * numbers, ranges, lists, {@code *}, {@code ?} and day names. Anything else is refused, so that a schedule this
 * cannot read fails the test instead of passing it. Minute 0 of the week is Monday 00:00 UTC.
 */
final class AwsCron {
    static final int MINUTES_PER_WEEK = 7 * 24 * 60;
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days; // 0 = Sunday

    private AwsCron(BitSet minutes, BitSet hours, BitSet days) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
    }

    static AwsCron parse(String expression) {
        if (!expression.startsWith("cron(") || !expression.endsWith(")")) {
            throw new IllegalArgumentException("not a cron expression: " + expression);
        }
        var fields = expression.substring(5, expression.length() - 1).trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("AWS cron has 6 fields: " + expression);
        }
        if (!List.of("*", "?").contains(fields[2]) || !fields[3].equals("*") || !fields[5].equals("*")) {
            throw new IllegalArgumentException("only weekly schedules are understood here: " + expression);
        }
        var days = fields[4].equals("?") || fields[4].equals("*") ? all(0, 6) : set(fields[4], 0, 6, true);
        return new AwsCron(set(fields[0], 0, 59, false), set(fields[1], 0, 23, false), days);
    }

    /** Whether the schedule fires at this minute of the week (Monday 00:00 UTC is 0). */
    boolean matches(int minuteOfWeek) {
        int day = (minuteOfWeek / (24 * 60) + 1) % 7; // Monday is day 1
        int hour = minuteOfWeek / 60 % 24;
        return days.get(day) && hours.get(hour) && minutes.get(minuteOfWeek % 60);
    }

    /**
     * The minutes in which AWS Backup may not start a backup of an RDS instance with these windows: the weekly
     * maintenance window ({@code sun:07:00-sun:09:00}) and the daily automated backup window ({@code 05:00-06:30}),
     * each with the hour before it.
     */
    static BitSet blockedMinutes(String maintenanceWindow, String backupWindow) {
        var blocked = new BitSet(MINUTES_PER_WEEK);
        var maintenance = maintenanceWindow.split("-");
        block(blocked, weekMinute(maintenance[0]) - 60, weekMinute(maintenance[1]));
        var backup = backupWindow.split("-");
        for (int day = 0; day < 7; day++) {
            int start = day * 24 * 60 + dayMinute(backup[0]);
            int end = day * 24 * 60 + dayMinute(backup[1]);
            block(blocked, start - 60, end < start ? end + 24 * 60 : end);
        }
        return blocked;
    }

    static String describe(int minuteOfWeek) {
        int minute = Math.floorMod(minuteOfWeek, MINUTES_PER_WEEK);
        var day = DAYS.get((minute / (24 * 60) + 1) % 7);
        return String.format(Locale.ROOT, "%s %02d:%02d UTC", day.charAt(0) + day.substring(1).toLowerCase(Locale.ROOT),
                minute / 60 % 24, minute % 60);
    }

    private static void block(BitSet blocked, int from, int to) {
        for (int m = from; m < to; m++) {
            blocked.set(Math.floorMod(m, MINUTES_PER_WEEK));
        }
    }

    /** {@code sun:07:00} -> minute of the week. */
    private static int weekMinute(String dayAndTime) {
        var day = DAYS.indexOf(dayAndTime.substring(0, 3).toUpperCase(Locale.ROOT));
        if (day < 0) {
            throw new IllegalArgumentException("not a window bound: " + dayAndTime);
        }
        return ((day + 6) % 7) * 24 * 60 + dayMinute(dayAndTime.substring(4));
    }

    /** {@code 07:00} -> minute of the day. */
    private static int dayMinute(String time) {
        var parts = time.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    private static BitSet all(int from, int to) {
        var set = new BitSet();
        set.set(from, to + 1);
        return set;
    }

    private static BitSet set(String field, int min, int max, boolean dayNames) {
        if (field.equals("*")) {
            return all(min, max);
        }
        var set = new BitSet();
        for (var part : field.split(",")) {
            var bounds = part.split("-");
            if (bounds.length > 2) {
                throw new IllegalArgumentException("not understood here: " + field);
            }
            int from = value(bounds[0], dayNames);
            int to = bounds.length == 2 ? value(bounds[1], dayNames) : from;
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException("out of range: " + field);
            }
            set.set(from, to + 1);
        }
        return set;
    }

    private static int value(String text, boolean dayNames) {
        if (dayNames) {
            int named = DAYS.indexOf(text.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return named;
            }
            return Integer.parseInt(text) - 1; // AWS numbers days 1 (SUN) to 7 (SAT)
        }
        return Integer.parseInt(text);
    }
}
