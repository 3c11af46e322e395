// Pre-apply check c (issue 11): every version the platform runs can be created and is under support on the day of the
// preview: the EKS Kubernetes version, the RDS for PostgreSQL engine version, the Istio version and every Helm chart
// version, judged against the dated calendars of support-calendars.ts. Past the end of support, or not creatable:
// `versions-supported` (mandatory). Within `warnDays` (90) of the end: `versions-support-ending` (advisory).
import { Policies, PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import { configOf, describe, known, UNKNOWN } from "../support";
import { PENDING_FIX } from "./pending";
import { Calendar, CHARTS, EKS, ISTIO, ISTIO_CHART_REPO, POSTGRES_MAJORS, POSTGRES_MINORS, SupportRow } from "./support-calendars";

export type Level = "unsupported" | "ending";

export interface VersionFinding {
    level: Level;
    urn: string;
    message: string;
}

const DAY = 24 * 60 * 60 * 1000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** Compares dotted versions numerically (1.9 < 1.10); a leading `v` is ignored. */
export function compareVersions(a: string, b: string): number {
    const parts = (v: string) => v.replace(/^v/, "").split(/[.-]/).map(p => Number.parseInt(p, 10)).map(n => Number.isNaN(n) ? 0 : n);
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = (x[i] ?? 0) - (y[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

/** The line of a version in a calendar: the longest row version that the version equals or starts with. */
function rowFor(calendar: Calendar, version: string): SupportRow | undefined {
    const plain = version.replace(/^v/, "");
    return calendar.rows.filter(r => plain === r.version || plain.startsWith(`${r.version}.`))
        .sort((a, b) => b.version.length - a.version.length)[0];
}

/** The newest line of a calendar that is released and supported on `today`, to name in a fix. */
function newestSupported(calendar: Calendar, today: string): SupportRow | undefined {
    return calendar.rows.filter(r => r.released <= today && (!r.endOfSupport || today < r.endOfSupport))
        .sort((a, b) => compareVersions(b.version, a.version))[0];
}

function cite(calendar: Calendar): string {
    return `${calendar.source}, read ${calendar.checked}`;
}

function suggestion(calendar: Calendar, today: string): string {
    const row = newestSupported(calendar, today);
    return row ? `${row.version}${row.endOfSupport ? ` (supported until ${row.endOfSupport})` : ""}` : "a supported version";
}

/** Judges one version against a calendar on a day. */
function judge(calendar: Calendar, version: string, today: string, warnDays: number, fix: string):
    { level: Level; fact: string } | undefined {
    const row = rowFor(calendar, version);
    const next = `Fix: ${fix} ${suggestion(calendar, today)}.`;
    if (!row) {
        return { level: "unsupported", fact: `${calendar.what} ${version} is not in the support calendar (${cite(calendar)}), `
            + `so nothing shows it can be created today. ${next}` };
    }
    if (today < row.released) {
        return { level: "unsupported", fact: `${calendar.what} ${row.version} is not released until ${row.released} `
            + `(${cite(calendar)}). ${next}` };
    }
    if (row.endOfExtendedSupport && today >= row.endOfExtendedSupport) {
        return { level: "unsupported", fact: `${calendar.what} ${row.version} can no longer be created: its extended support `
            + `ended on ${row.endOfExtendedSupport} (${cite(calendar)}). ${next}` };
    }
    if (row.endOfSupport && today >= row.endOfSupport) {
        return { level: "unsupported", fact: `${calendar.what} ${row.version} is past its end of ${row.endOfExtendedSupport
            ? "standard support" : "support"} on ${row.endOfSupport}${row.endOfExtendedSupport
            ? ` (extended support, at extra cost, ends ${row.endOfExtendedSupport})` : ""} (${cite(calendar)}). ${next}` };
    }
    if (row.releases && row.releases.length > 0 && version.replace(/^v/, "") !== row.version) {
        const newest = [...row.releases].sort(compareVersions).pop()!;
        if (!row.releases.includes(version.replace(/^v/, "")) && compareVersions(version, newest) < 0) {
            return { level: "unsupported", fact: `${calendar.what} ${version} is not a release of the ${row.version} line `
                + `(releases up to ${newest}; ${cite(calendar)}). Fix: pin an existing release, e.g. ${newest}.` };
        }
        if (compareVersions(version, newest) > 0) {
            return { level: "ending", fact: `${calendar.what} ${version} is newer than the calendar knows (newest ${newest}; `
                + `${cite(calendar)}). Fix: confirm the release exists and add it to policies/src/rules/support-calendars.ts.` };
        }
    }
    if (row.endOfSupport && days(today, row.endOfSupport) <= warnDays) {
        return { level: "ending", fact: `${calendar.what} ${row.version} leaves ${row.endOfExtendedSupport ? "standard support"
            : "support"} on ${row.endOfSupport}, in ${days(today, row.endOfSupport)} days (${cite(calendar)}). `
            + `Fix: plan the upgrade now: ${fix} ${suggestion(calendar, today)}.` };
    }
    return undefined;
}

function postgres(version: string, today: string, warnDays: number): { level: Level; fact: string } | undefined {
    const [major, minorText] = version.split(".");
    const majorVerdict = judge(POSTGRES_MAJORS, major, today, warnDays, "move to the major");
    if (majorVerdict || minorText === undefined) {
        return majorVerdict;
    }
    const minor = Number.parseInt(minorText, 10);
    const rule = POSTGRES_MINORS.majors[major];
    if (!rule || Number.isNaN(minor)) {
        return { level: "ending", fact: `RDS for PostgreSQL ${version}: no minor-version calendar for ${major} (${POSTGRES_MINORS.source}, `
            + `read ${POSTGRES_MINORS.checked}). Fix: confirm with aws rds describe-db-engine-versions --engine postgres `
            + `--engine-version ${version}, or set the major only with automatic minor upgrades.` };
    }
    if (minor < rule.withdrawnBelow && today >= rule.withdrawnOn) {
        return { level: "unsupported", fact: `RDS for PostgreSQL ${version} can no longer be created: RDS stopped creating `
            + `${major}.x below ${major}.${rule.withdrawnBelow} on ${rule.withdrawnOn} (${POSTGRES_MINORS.source}, read `
            + `${POSTGRES_MINORS.checked}). Fix: use ${major}.${rule.creatableFrom} or later, or the major "${major}" with `
            + "automatic minor upgrades (the provider then ignores minor drift)." };
    }
    if (minor < rule.creatableFrom) {
        return { level: "ending", fact: `RDS for PostgreSQL ${version} is not shown creatable by the calendar (known `
            + `creatable from ${major}.${rule.creatableFrom}; ${POSTGRES_MINORS.source}, read ${POSTGRES_MINORS.checked}). `
            + `Fix: use ${major}.${rule.creatableFrom} or later, or confirm with aws rds describe-db-engine-versions.` };
    }
    return undefined;
}

/** Every version problem of the plan's resources on `today` (YYYY-MM-DD). */
export function versionFindings(resources: PolicyResource[], today: string, warnDays = 90): VersionFinding[] {
    const findings: VersionFinding[] = [];
    const add = (r: PolicyResource, verdict: { level: Level; fact: string } | undefined) => {
        if (verdict) {
            findings.push({ level: verdict.level, urn: r.urn, message: `${describe(r)}: ${verdict.fact}` });
        }
    };
    const read = (r: PolicyResource, f: (p: Record<string, any>) => unknown) => {
        const v = known(() => f(r.props));
        return v === UNKNOWN ? undefined : v;
    };
    for (const r of resources) {
        if (r.type === "aws:eks/cluster:Cluster") {
            const version = read(r, p => p.version);
            if (typeof version === "string") {
                add(r, judge(EKS, version, today, warnDays, "set the cluster version (one minor at a time on a running cluster) to"));
            }
        } else if (r.type === "aws:rds/instance:Instance") {
            const [engine, version] = [read(r, p => p.engine), read(r, p => p.engineVersion)];
            if (engine === "postgres" && typeof version === "string") {
                add(r, postgres(version, today, warnDays));
            }
        } else if (r.type === "kubernetes:helm.sh/v3:Release") {
            const chart = read(r, p => p.chart);
            const version = read(r, p => p.version);
            const repo = String(read(r, p => p.repositoryOpts?.repo) ?? "").replace(/\/$/, "");
            if (typeof chart !== "string") {
                continue;
            }
            const calendar = repo === ISTIO_CHART_REPO ? ISTIO : CHARTS[`${repo} ${chart}`];
            if (typeof version !== "string" || version === "") {
                add(r, { level: "unsupported", fact: `chart ${chart} has no version: Helm installs whatever is newest on the `
                    + "day of the update, which no preview has seen. Fix: pin the chart version." });
            } else if (!calendar) {
                add(r, { level: "unsupported", fact: `chart ${chart} ${version} from ${repo || "(no repository)"} has no support `
                    + "calendar in the pack, so nothing shows it is supported today. Fix: add the chart's releases and support "
                    + "policy, with source and date, to policies/src/rules/support-calendars.ts." });
            } else {
                add(r, judge(calendar, version, today, warnDays, `pin chart ${chart} to`));
            }
        }
    }
    return findings;
}

const versionSchema: PolicyConfigSchema = {
    properties: {
        today: {
            type: "string",
            description: "The day to judge support on (YYYY-MM-DD); empty means the day of the preview.",
            default: "",
        },
        warnDays: {
            type: "integer",
            description: "How many days before an end of support the advisory rule warns.",
            default: 90,
        },
        pendingFix: PENDING_FIX,
    },
};

function todayOf(config: { today?: string }): string {
    return config.today && /^\d{4}-\d{2}-\d{2}$/.test(config.today) ? config.today : new Date().toISOString().slice(0, 10);
}

export const versionPolicies: Policies = [
    {
        name: "versions-supported",
        description: "The EKS version, the RDS engine version, the Istio version and every Helm chart version can be "
            + "created and are under support on the day of the preview (dated calendars in the pack).",
        severity: "critical",
        configSchema: versionSchema,
        validateStack: (args, report) => {
            const config = configOf<{ today: string; warnDays: number }>(args, versionSchema);
            versionFindings(args.resources, todayOf(config), config.warnDays)
                .filter(f => f.level === "unsupported").forEach(f => report(f.message, f.urn));
        },
    },
    {
        name: "versions-support-ending",
        description: "Warns when a version the platform runs leaves support within 90 days (or is newer or less known "
            + "than the pack's calendars), so the upgrade is planned ahead.",
        severity: "medium",
        enforcementLevel: "advisory",
        configSchema: versionSchema,
        validateStack: (args, report) => {
            const config = configOf<{ today: string; warnDays: number }>(args, versionSchema);
            versionFindings(args.resources, todayOf(config), config.warnDays)
                .filter(f => f.level === "ending").forEach(f => report(f.message, f.urn));
        },
    },
];
