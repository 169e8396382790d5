package io.hatchetoperator.sandbox.load;

/**
 * The ledger's counts: submitted tasks, completed ones (each once), failed ones, lost ones (submitted and
 * never completed, failed included), runs executed to completion more than once, and results that arrived
 * a second time for the same task (counted here, never twice in {@code completed}).
 */
public record LedgerCounts(int submitted, int completed, int failed, int lost, int duplicated,
    long repeatedResults) {}
