package io.cutover.loadtest.scenario;

/**
 * What a scenario needs of a load generator: send the plan's requests on an open-model schedule,
 * and hand every answer (or failure) to {@link Answers} as it comes, so that the ledger learns
 * each event ID Cutover gave out. Returns once the plan is done: its duration over, or its count
 * sent, whichever comes first.
 */
public interface ScenarioLoad {

    void run(LoadPlan plan, Answers answers) throws InterruptedException;
}
