// Jest for the Lightning Web Components in force-app, as @salesforce/sfdx-lwc-jest sets it up, plus stubs for the
// platform modules it does not ship (lightning/actions), a gql that keeps its query, and the pages' test support
// (mpTest/: the walkthroughs' record writes).
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        '^lightning/actions$': '<rootDir>/jest-mocks/lightning/actions.js',
        '^lightning/graphql$': '<rootDir>/jest-mocks/lightning/graphql.js',
        '^mpTest/(.*)$': '<rootDir>/jest-mocks/mpTest/$1'
    },
    testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/.sfdx/'],
    // One worker per core of CI's machine; the suite is small.
    maxWorkers: 2
};
