/**
 * The life of a component's test: mounting it in the document, taking everything out after each test, and, for the
 * guided pages, each test on a fresh pretend org (mpTest/records) with the clock at noon UTC of a fixed day.
 */
import { createElement } from 'lwc';
import { fakeOrg } from './records';
import { KNOWN } from './org';

/** Mounts the component under its tag, with the properties set before it connects. */
export function mount(tag, component, props = {}) {
    const element = createElement(tag, { is: component });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

/** Takes every mounted component out of the document (their disconnectedCallback runs). */
export function unmountAll() {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
}

/** After each test of the describe block it is called in: everything mounted is taken out. */
export function unmountAfterEach() {
    afterEach(unmountAll);
}

/**
 * Before each test of the describe block it is called in: the clock at noon UTC of `today` (fake timers, so that a test
 * moves the page's polling on), a fresh pretend org handed to `useOrg`; after each: the page taken out, the mocks
 * cleared, real timers again.
 */
export function eachTestOnAFreshOrg(today, useOrg) {
    beforeEach(() => {
        jest.useFakeTimers({ now: new Date(`${today}T12:00:00Z`), doNotFake: ['nextTick', 'queueMicrotask'] });
        useOrg(fakeOrg(KNOWN));
    });
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
        jest.useRealTimers();
    });
}
