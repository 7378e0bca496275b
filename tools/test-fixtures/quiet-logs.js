// Unit and integration tests start services in the Jest process: their info lines (one per
// request) would bury the test report. Warnings and errors still show; LOG_LEVEL overrides.
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
