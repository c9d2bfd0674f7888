import MpRequestActions from 'c/mpRequestActions';
import { mount as mountComponent, unmountAfterEach } from 'mpTest/page';

function mount(props) {
    return mountComponent('c-mp-request-actions', MpRequestActions, props);
}

describe('c-mp-request-actions', () => {
    unmountAfterEach();

    it('fires validate, draft and create, the last under the page\'s own label', () => {
        const actions = mount({ createLabel: 'Create Resale Authorization' });
        const fired = [];
        ['validate', 'draft', 'create'].forEach((name) => actions.addEventListener(name, () => fired.push(name)));

        expect(actions.querySelector('[data-id="create"]').label).toBe('Create Resale Authorization');
        ['create', 'validate', 'draft'].forEach((id) => actions.querySelector(`[data-id="${id}"]`)
            .dispatchEvent(new CustomEvent('click')));

        expect(fired).toEqual(['create', 'validate', 'draft']);
    });

    it('is disabled while the page is busy or read only, and spaced after Close in a modal', () => {
        const actions = mount({ createLabel: 'Create Offer', disabled: true, variant: 'modal' });

        expect(Array.from(actions.querySelectorAll('lightning-button')).map((b) => b.disabled)).toEqual([true, true, true]);
        expect(actions.querySelector('[data-id="validate"]').className).toBe('slds-m-left_x-small');
    });
});
