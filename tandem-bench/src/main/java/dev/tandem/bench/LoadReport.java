package dev.tandem.bench;

/** What every mode's outcome tells the tool: the table it prints and whether the run was clean (exit 0, else 1). */
interface LoadReport {
    String table();

    boolean clean();
}
