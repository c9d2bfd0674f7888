// Jest for the Lightning Web Components in force-app, as @salesforce/sfdx-lwc-jest sets it up, plus stubs for the
// platform modules it does not ship (lightning/actions).
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        '^lightning/actions$': '<rootDir>/jest-mocks/lightning/actions.js'
    },
    testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/.sfdx/'],
    // One worker per core of CI's machine; the suite is small.
    maxWorkers: 2
};
