// The Secrets Manager schedule grammar: the longest gap between two rotations, or why Secrets Manager refuses it.
import * as assert from "node:assert/strict";
import { test } from "node:test";
import { parseSchedule } from "../src/rules/rotation-schedule";

const gapDays = (expression: string) => {
    const parsed = parseSchedule(expression);
    assert.ok("longestGapHours" in parsed, `${expression}: ${JSON.stringify(parsed)}`);
    return parsed.longestGapHours / 24;
};
const problem = (expression: string) => {
    const parsed = parseSchedule(expression);
    assert.ok("problem" in parsed, `${expression} should be refused, got ${JSON.stringify(parsed)}`);
    return parsed.problem;
};

test("rate() in hours and days, as Secrets Manager documents it", () => {
    assert.equal(gapDays("rate(4 hours)"), 4 / 24);
    assert.equal(gapDays("rate(1 day)"), 1);
    assert.equal(gapDays("rate(7 days)"), 7);
    assert.equal(gapDays("rate(365 days)"), 365);
    assert.equal(gapDays("rate(999 days)"), 999);
});

test("rate() that Secrets Manager refuses", () => {
    assert.equal(problem("rate(3 hours)"), "a rate in hours must be at least 4 hours");
    assert.equal(problem("rate(0 days)"), "a rate must be positive");
    assert.equal(problem("rate(1000 days)"), "a rate is at most 999 days");
    assert.equal(problem("rate(2 weeks)"), "rate() takes hour, hours, day or days");
    assert.equal(problem("rate(-1 days)"), "rate() takes a positive whole number and a unit, such as rate(30 days)");
    assert.equal(problem("rate(30days)"), "rate() takes a positive whole number and a unit, such as rate(30 days)");
});

test("cron(): the longest gap between two rotations over eight years", () => {
    assert.equal(gapDays("cron(0 4/12 * * ? *)"), 0.5, "4:00 and 16:00 every day (hour increments reset daily)");
    assert.equal(gapDays("cron(0 8 * * ? *)"), 1);
    assert.equal(gapDays("cron(0 8 ? * MON-FRI *)"), 3, "Friday to Monday");
    assert.equal(gapDays("cron(0 8 1/7 * ? *)"), 7, "the 1st, 8th, 15th, 22nd, 29th");
    assert.equal(gapDays("cron(0 8 1 * ? *)"), 31);
    assert.equal(gapDays("cron(0 16 L * ? *)"), 31, "the last day of each month");
    assert.equal(gapDays("cron(0 0 ? * SUN#1 *)"), 35, "the first Sunday of each month");
    assert.equal(gapDays("cron(0 0 ? * 6L *)"), 35, "the last Friday of each month");
    assert.equal(gapDays("cron(0 8 1 JAN,APR,JUL,OCT ? *)"), 92, "quarterly");
    assert.equal(gapDays("cron(0 8 1 1 ? *)"), 366, "yearly, across a leap year");
    assert.equal(gapDays("cron(0 0 29 2 ? *)"), 1461, "29 February: every four years");
    assert.equal(gapDays("cron(0 0 31 2 ? *)"), Infinity, "a day that never comes");
});

test("cron() that Secrets Manager refuses", () => {
    assert.match(problem("cron(0 8 * * *)"), /^cron\(\) has 6 fields .* got 5$/);
    assert.equal(problem("cron(30 8 * * ? *)"), "the minutes field must be 0 (rotation windows open on the hour)");
    assert.equal(problem("cron(0 8 1 * ? 2027)"), "the year field must be * (Secrets Manager schedules repeat every year)");
    assert.equal(problem("cron(0 8 * * MON *)"), "one of day-of-month and day-of-week must be ?, and only one");
    assert.equal(problem("cron(0 8 ? * ? *)"), "one of day-of-month and day-of-week must be ?, and only one");
    assert.equal(problem("cron(0 24 * * ? *)"), "\"24\" is outside 0-23");
    assert.equal(problem("cron(0 8 * 13 ? *)"), "\"13\" is outside 1-12 (or JAN-DEC)");
    assert.equal(problem("cron(0 8 ? * 8 *)"), "\"8\" is outside 1-7 (or SUN-SAT)");
    assert.equal(problem("cron(0 8 5-1 * ? *)"), "\"5-1\" is an empty range");
    assert.equal(problem("cron(0 8/0 * * ? *)"), "\"8/0\" has an invalid increment");
    assert.equal(problem("every 30 days"), "expected rate() or cron()");
});
