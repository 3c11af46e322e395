// Dated support calendars of what the platform runs: EKS Kubernetes versions, RDS for PostgreSQL engine versions,
// Istio minors, and the Helm charts the program installs. Each table says where its rows come from and when they were
// read; `versions.ts` judges a plan's versions against them on a given day. A real `pulumi preview` sees the same
// tables (the pack cannot ask AWS); the program itself can ask AWS (`aws.eks.getClusterVersions`,
// `aws.rds.getEngineVersion`). Refresh a table when its source changes, and keep the date.

/** A support window: creatable from `released`, supported until `endOfSupport` (exclusive: the end day is past). */
export interface SupportRow {
    version: string;
    released: string;
    /** End of standard support (EKS, RDS) or end of life (Istio, charts); undefined: not announced at `checked`. */
    endOfSupport?: string;
    /** Last day a new resource can be created on it, when earlier than the end of support (RDS withdraws minors). */
    creatableUntil?: string;
    /** EKS: end of extended support (the cluster is then upgraded by AWS). */
    endOfExtendedSupport?: string;
    /** Exact releases known in this line (charts), to tell a typo from a newer release. */
    releases?: string[];
    note?: string;
}

export interface Calendar {
    what: string;
    source: string;
    checked: string;
    /** How support of one line ends, when the source states a rule rather than dates. */
    policy?: string;
    rows: SupportRow[];
}

/** EKS: https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (release calendar), cross-read with
 * https://endoflife.date/amazon-eks; 14 months of standard support, then 12 months of extended support. */
export const EKS: Calendar = {
    what: "EKS Kubernetes version",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar",
    checked: "2026-12-02",
    policy: "new clusters can be created on versions in standard or extended support; standard support lasts 14 months",
    rows: [
        { version: "1.29", released: "2024-01-23", endOfSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
        { version: "1.30", released: "2024-05-23", endOfSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
        { version: "1.31", released: "2024-09-26", endOfSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
        { version: "1.32", released: "2025-01-23", endOfSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
        { version: "1.33", released: "2025-05-29", endOfSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
        { version: "1.34", released: "2025-10-02", endOfSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
        { version: "1.35", released: "2026-01-27", endOfSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
        // The user guide's standard-support page: "Kubernetes 1.36 is now available in Amazon EKS"; the calendar row
        // (EKS release 2026-06-02, standard support to 2027-08-02, extended to 2028-08-02) read in a public citation of
        // that page dated 2026-09-29 (docs/versions.md). No 1.37 on EKS found on 2026-12-02.
        { version: "1.36", released: "2026-06-02", endOfSupport: "2027-08-02", endOfExtendedSupport: "2028-08-02" },
    ],
};

/**
 * RDS for PostgreSQL. Majors: https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html
 * (end of standard support per major). Minors: the AWS Health notice of 2026 (quoted at
 * https://lucaberton.com/blog/aws-rds-postgresql-minor-version-deprecation-may-2026/): 14.14-14.17, 15.9-15.12,
 * 16.5-16.8 and 17.1-17.4 cannot be created from 2026-05-01 and leave standard support on 2026-05-31, upgraded to
 * 14.20, 15.15, 16.11, 17.7 or higher; older minors were withdrawn earlier (cfn-lint lists 16.4 as deprecated).
 */
export const POSTGRES_MAJORS: Calendar = {
    what: "RDS for PostgreSQL major version",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
    checked: "2026-12-02",
    rows: [
        { version: "13", released: "2021-02-24", endOfSupport: "2026-02-28" },
        { version: "14", released: "2022-02-03", endOfSupport: "2027-02-28" },
        { version: "15", released: "2023-02-27", endOfSupport: "2028-02-29" },
        { version: "16", released: "2023-11-17", endOfSupport: "2029-02-28" },
        { version: "17", released: "2024-11-18", endOfSupport: "2030-02-28" },
    ],
};

/** Per major: minors below `withdrawnBelow` cannot be created; from `creatableFrom` on they can (as of `checked`). */
export const POSTGRES_MINORS: { source: string; checked: string; majors: Record<string, { withdrawnBelow: number;
    withdrawnOn: string; creatableFrom: number; }> } = {
    source: "AWS Health notice 2026 (RDS PostgreSQL minors 14.14-14.17, 15.9-15.12, 16.5-16.8, 17.1-17.4: no new instances from 2026-05-01, end of standard support 2026-05-31; upgrade targets 14.20, 15.15, 16.11, 17.7 or higher)",
    checked: "2026-12-02",
    majors: {
        "14": { withdrawnBelow: 18, withdrawnOn: "2026-05-01", creatableFrom: 20 },
        "15": { withdrawnBelow: 13, withdrawnOn: "2026-05-01", creatableFrom: 15 },
        "16": { withdrawnBelow: 9, withdrawnOn: "2026-05-01", creatableFrom: 11 },
        "17": { withdrawnBelow: 5, withdrawnOn: "2026-05-01", creatableFrom: 7 },
    },
};

/**
 * Istio: istio.io supported releases (data/compatibility/supportStatus.yml in istio/istio.io) and its support
 * announcements (content/en/news/support/announcing-1.NN-eol); a minor is supported until six weeks after the N+2
 * minor's release. Release dates from the announcements; 1.30's end follows 1.32.0, not released at `checked`'s source.
 */
export const ISTIO: Calendar = {
    what: "Istio minor",
    source: "https://istio.io/latest/docs/releases/supported-releases/ (istio/istio.io data/compatibility/supportStatus.yml, news/support/announcing-1.29-eol of 2026-09-09)",
    checked: "2026-12-02",
    policy: "supported until six weeks after the N+2 minor release",
    rows: [
        { version: "1.24", released: "2024-11-07", endOfSupport: "2025-06-19" },
        { version: "1.25", released: "2025-03-03", endOfSupport: "2025-09-22" },
        { version: "1.26", released: "2025-05-08", endOfSupport: "2025-12-19" },
        { version: "1.27", released: "2025-08-11", endOfSupport: "2026-03-30" },
        { version: "1.28", released: "2025-11-05", endOfSupport: "2026-06-28" },
        { version: "1.29", released: "2026-02-26", endOfSupport: "2026-10-12" },
        { version: "1.30", released: "2026-05-18", releases: ["1.30.0", "1.30.1", "1.30.2", "1.30.3"],
            note: "ends six weeks after 1.32.0" },
        { version: "1.31", released: "2026-08-31", releases: ["1.31.0", "1.31.1"], note: "ends six weeks after 1.33.0" },
    ],
};

/** Helm charts other than Istio's, by repository and chart name. */
export const CHARTS: Record<string, Calendar> = {
    "https://charts.external-secrets.io external-secrets": {
        what: "External Secrets chart",
        source: "https://external-secrets.io/latest/introduction/stability-support/ (external-secrets/external-secrets docs/introduction/stability-support.md at helm-chart-2.9.0)",
        checked: "2026-12-02",
        policy: "only the newest minor is supported; a minor reaches end of life when the next one is released",
        rows: [
            { version: "0.16", released: "2025-04-14", endOfSupport: "2025-05-14" },
            { version: "0.17", released: "2025-05-14", endOfSupport: "2025-07-17" },
            { version: "0.18", released: "2025-07-17", endOfSupport: "2025-08-02" },
            { version: "0.19", released: "2025-08-02", endOfSupport: "2025-09-22" },
            { version: "0.20", released: "2025-09-22", endOfSupport: "2025-11-07" },
            { version: "1.0", released: "2025-11-07", endOfSupport: "2025-11-21" },
            { version: "1.1", released: "2025-11-21", endOfSupport: "2025-12-19" },
            { version: "1.2", released: "2025-12-19", endOfSupport: "2026-01-23" },
            { version: "1.3", released: "2026-01-23", endOfSupport: "2026-02-06" },
            { version: "2.0", released: "2026-02-06", endOfSupport: "2026-03-06" },
            { version: "2.1", released: "2026-03-06", endOfSupport: "2026-03-20" },
            { version: "2.2", released: "2026-03-20", endOfSupport: "2026-04-10" },
            { version: "2.3", released: "2026-04-10", endOfSupport: "2026-04-24" },
            { version: "2.4", released: "2026-04-24", endOfSupport: "2026-05-15" },
            { version: "2.5", released: "2026-05-15", endOfSupport: "2026-06-05" },
            { version: "2.6", released: "2026-06-05", endOfSupport: "2026-06-26" },
            { version: "2.7", released: "2026-06-26", endOfSupport: "2026-07-18" },
            { version: "2.8", released: "2026-07-18", endOfSupport: "2026-08-07" },
            // 2.10-2.12 were released between these two (dates not read): each ended when the next came out.
            { version: "2.9", released: "2026-08-07", endOfSupport: "2026-09-01", releases: ["2.9.0"],
                note: "ended when 2.10 was released; that date was not read: 2026-09-01 stands for 'before 2.13.0'" },
            // Newest chart release confirmed on 2026-12-02 (a chart-repository mirror listing, and the v2.14.0 app release
            // notes, "release helm chart for version 2.13.0"); a chart 2.14.0 was not found. Ends when the next chart
            // minor is released: re-check at every upgrade (docs/versions.md).
            { version: "2.13", released: "2026-11-01", releases: ["2.13.0"],
                note: "release date not read: 2026-11-01 stands for 'out before 2026-12-02'; ends when the next minor is released" },
        ],
    },
    "https://prometheus-community.github.io/helm-charts prometheus": {
        what: "Prometheus community chart (prometheus)",
        source: "https://github.com/prometheus-community/helm-charts (tags prometheus-<version>; the repository publishes fixes only as new releases of the newest major, README: \"provided as-is\")",
        checked: "2026-12-02",
        policy: "a major line is current until the next major is released; older majors get no fixes",
        rows: [
            { version: "26", released: "2024-11-27", endOfSupport: "2025-01-18" },
            { version: "27", released: "2025-01-18", endOfSupport: "2026-01-01" },
            { version: "28", released: "2026-01-01", endOfSupport: "2026-04-07" },
            { version: "29", released: "2026-04-07", releases: ["29.0.0", "29.1.0", "29.2.0", "29.2.1",
                "29.3.0", "29.4.0", "29.5.0", "29.6.0", "29.7.0", "29.8.0", "29.9.0", "29.10.0", "29.10.1", "29.11.0",
                "29.12.0", "29.13.0", "29.13.1", "29.14.0", "29.15.0", "29.16.0", "29.17.0", "29.18.0", "29.19.0",
                "29.20.0", "29.20.1", "29.21.0", "29.22.0", "29.23.0", "29.23.1", "29.24.0", "29.25.0", "29.26.0",
                "29.27.0"], note: "newest release at the source: 29.27.0 (2026-08-18)" },
        ],
    },
};

/** Istio's own charts (base, istiod, cni, gateway, ztunnel) carry the Istio version. */
export const ISTIO_CHART_REPO = "https://istio-release.storage.googleapis.com/charts";
