import { createElement } from 'lwc';
import MpFieldProblem from 'c/mpFieldProblem';
import { settle } from 'mpTest/org';

describe('c-mp-field-problem', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows the field\'s problems in the error colour, in the page\'s own tree, and nothing when there are none', async () => {
        const problem = createElement('c-mp-field-problem', { is: MpFieldProblem });
        problem.field = 'Offer_Name__c';
        problem.text = 'Enter a name.';
        document.body.appendChild(problem);

        expect(problem.shadowRoot).toBeNull();
        const shown = problem.querySelector('[data-problem="Offer_Name__c"]');
        expect(shown.textContent).toBe('Enter a name.');
        expect(shown.className).toBe('slds-text-color_error');

        problem.text = null;
        await settle();
        expect(problem.querySelector('[data-problem]')).toBeNull();
    });
});
