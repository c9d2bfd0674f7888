import MpFieldProblem from 'c/mpFieldProblem';
import { settle } from 'mpTest/org';
import { mount, unmountAfterEach } from 'mpTest/page';

describe('c-mp-field-problem', () => {
    unmountAfterEach();

    it('shows the field\'s problems in the error colour, in the page\'s own tree, and nothing when there are none', async () => {
        const problem = mount('c-mp-field-problem', MpFieldProblem, { field: 'Offer_Name__c', text: 'Enter a name.' });

        expect(problem.shadowRoot).toBeNull();
        const shown = problem.querySelector('[data-problem="Offer_Name__c"]');
        expect(shown.textContent).toBe('Enter a name.');
        expect(shown.className).toBe('slds-text-color_error');

        problem.text = null;
        await settle();
        expect(problem.querySelector('[data-problem]')).toBeNull();
    });
});
