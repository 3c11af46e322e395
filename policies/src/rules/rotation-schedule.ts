// Secrets Manager rotation schedules, parsed with Secrets Manager's own grammar
// (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html, checked 2026-12-02):
//   rate(Value Unit)   Unit hour | hours | day | days; at most every 4 hours, at most 999 days apart
//   cron(Minutes Hours Day-of-month Month Day-of-week Year)
//     Minutes 0 (windows open on the hour); Hours 0-23 (, - * /); Day-of-month 1-31 (, - * ? / L);
//     Month 1-12 or JAN-DEC (, - * /); Day-of-week 1-7 or SUN-SAT (# , - * ? / L); Year * (no schedule is more
//     than a year apart); one of Day-of-month and Day-of-week is ?, as in every AWS cron expression.
// The result is the longest time between two rotations, so a rule can compare it with a maximum.

/** A schedule Secrets Manager accepts, with the longest gap between two rotations; or why it is refused. */
export type Schedule = { longestGapHours: number } | { problem: string };

const HOUR = 1;
const DAY = 24 * HOUR;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
// Eight years from a leap year: every cron schedule whose year is * repeats within it (a 29 February one included).
const FROM = Date.UTC(2028, 0, 1);
const YEARS = 8;

export function parseSchedule(expression: string): Schedule {
    const rate = /^rate\((.*)\)$/.exec(expression);
    if (rate) {
        return parseRate(rate[1]);
    }
    const cron = /^cron\((.*)\)$/.exec(expression);
    if (cron) {
        return parseCron(cron[1]);
    }
    return { problem: "expected rate() or cron()" };
}

function parseRate(body: string): Schedule {
    const match = /^(\d+) (\w+)$/.exec(body);
    if (!match) {
        return { problem: "rate() takes a positive whole number and a unit, such as rate(30 days)" };
    }
    const value = Number(match[1]);
    const unit = match[2];
    if (unit !== "hour" && unit !== "hours" && unit !== "day" && unit !== "days") {
        return { problem: "rate() takes hour, hours, day or days" };
    }
    const hours = unit.startsWith("hour") ? value * HOUR : value * DAY;
    if (hours < 4 * HOUR) {
        return { problem: unit.startsWith("hour") ? "a rate in hours must be at least 4 hours" : "a rate must be positive" };
    }
    if (hours > 999 * DAY) {
        return { problem: "a rate is at most 999 days" };
    }
    return { longestGapHours: hours };
}

type Matcher = (value: number) => boolean;
type DayMatcher = (date: Date) => boolean;

function parseCron(body: string): Schedule {
    const fields = body.trim().split(/\s+/);
    if (fields.length !== 6) {
        return { problem: `cron() has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}` };
    }
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
    if (minutes !== "0") {
        return { problem: "the minutes field must be 0 (rotation windows open on the hour)" };
    }
    if (year !== "*") {
        return { problem: "the year field must be * (Secrets Manager schedules repeat every year)" };
    }
    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
        return { problem: "one of day-of-month and day-of-week must be ?, and only one" };
    }
    try {
        const hour = values(hours, 0, 23, []);
        const inMonth = values(month, 1, 12, MONTHS);
        const day = dayOfMonth === "?" ? weekdayMatcher(dayOfWeek) : monthDayMatcher(dayOfMonth);
        return { longestGapHours: longestGap(hour, inMonth, day) };
    } catch (e) {
        return { problem: (e as Error).message };
    }
}

/** `*`, `N`, `N-M`, `N/K`, `*\/K`, `N-M/K` and comma lists of them, names allowed where the field has names. */
function values(field: string, min: number, max: number, names: string[]): Matcher {
    const allowed = new Set<number>();
    const number = (text: string): number => {
        const index = names.indexOf(text.toUpperCase());
        const value = index >= 0 ? index + min : /^\d+$/.test(text) ? Number(text) : NaN;
        if (!(value >= min && value <= max)) {
            throw new Error(`"${text}" is outside ${min}-${max}${names.length ? ` (or ${names[0]}-${names[names.length - 1]})` : ""}`);
        }
        return value;
    };
    for (const part of field.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        if (!(Number.isInteger(step) && step >= 1) || part.split("/").length > 2) {
            throw new Error(`"${part}" has an invalid increment`);
        }
        let from: number;
        let to: number;
        if (range === "*") {
            [from, to] = [min, max];
        } else if (range.includes("-")) {
            const [a, b] = range.split("-");
            [from, to] = [number(a), number(b)];
        } else {
            from = number(range);
            to = stepText === undefined ? from : max;
        }
        if (from > to) {
            throw new Error(`"${part}" is an empty range`);
        }
        for (let v = from; v <= to; v += step) {
            allowed.add(v);
        }
    }
    return v => allowed.has(v);
}

function daysIn(date: Date): number {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Day-of-month: the numeric forms, or `L` (the last day of the month). */
function monthDayMatcher(field: string): DayMatcher {
    if (field === "L") {
        return date => date.getUTCDate() === daysIn(date);
    }
    const day = values(field, 1, 31, []);
    return date => day(date.getUTCDate());
}

/** Day-of-week (1 = SUN ... 7 = SAT): the numeric forms, `L` (Saturday), `NL` (the last N of the month), `N#k`. */
function weekdayMatcher(field: string): DayMatcher {
    const weekday = (date: Date) => date.getUTCDay() + 1;
    const nth = /^(\w+)#([1-5])$/.exec(field);
    if (nth) {
        const wanted = values(nth[1], 1, 7, WEEKDAYS);
        const k = Number(nth[2]);
        return date => wanted(weekday(date)) && Math.ceil(date.getUTCDate() / 7) === k;
    }
    if (field === "L") {
        return date => weekday(date) === 7;
    }
    const last = /^(\w+)L$/.exec(field);
    if (last) {
        const wanted = values(last[1], 1, 7, WEEKDAYS);
        return date => wanted(weekday(date)) && date.getUTCDate() + 7 > daysIn(date);
    }
    const wanted = values(field, 1, 7, WEEKDAYS);
    return date => wanted(weekday(date));
}

/** The longest time between two consecutive rotations over eight years; Infinity when it rotates at most once. */
function longestGap(hour: Matcher, month: Matcher, day: DayMatcher): number {
    let previous: number | undefined;
    let longest = 0;
    const hours = Array.from({ length: 24 }, (_, h) => h).filter(hour);
    for (let t = FROM; t < Date.UTC(2028 + YEARS, 0, 1); t += DAY * 3600_000) {
        const date = new Date(t);
        if (!month(date.getUTCMonth() + 1) || !day(date)) {
            continue;
        }
        for (const h of hours) {
            const at = t / 3600_000 + h;
            if (previous !== undefined) {
                longest = Math.max(longest, at - previous);
            }
            previous = at;
        }
    }
    return previous === undefined || longest === 0 ? Infinity : longest;
}
