/** @odoo-module **/
// A handler sees the suggested ground on a complaint about service costs,
// confirms it in the wizard "Outside the Procedure" and sends the referral.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("klachtenbeheer_outside_procedure", {
    steps: () => [
        {
            content: "The banner suggests a ground; open the wizard",
            trigger:
                ".o_form_view div[name='suggested_grounds']:contains('Rent increase') button[name='action_open_outside_procedure_wizard']",
            run: "click",
        },
        {
            content: "The suggested ground is filled in, with its referral",
            trigger:
                ".modal .o_field_widget[name='body']:contains('bezwaarprocedure')",
        },
        {
            content: "Send the referral and close",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The complaint is outside the procedure",
            trigger:
                ".o_form_view:not(:has(.modal)) .o_field_widget[name='outside_procedure_ground_id']:contains('Rent increase')",
        },
    ],
});

// A handler links a repeat complaint to the earlier complaint suggested on
// the tab "Repeat Complaint".
registry.category("web_tour.tours").add("klachtenbeheer_link_repeat", {
    steps: () => [
        {
            content: "Open the tab Repeat Complaint",
            trigger: ".o_notebook a[name='repeat']",
            run: "click",
        },
        {
            content: "Link the suggested earlier complaint",
            trigger:
                ".o_field_widget[name='repeat_candidate_ids'] tr:contains('Schimmel in de badkamer') button[name='action_link_as_repeat_of']",
            run: "click",
        },
        {
            content: "It is now linked",
            trigger:
                ".o_field_widget[name='repeat_of_ids'] .o_tag:contains('KL/')",
        },
    ],
});

// A handler submits a complaint to the board and lands back on the list:
// the complaint is no longer visible to them.
registry.category("web_tour.tours").add("klachtenbeheer_submit_to_board", {
    steps: () => [
        {
            content: "Open the form's action menu",
            trigger: ".o_form_view .o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: "Submit to the board",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Submit to the Board')",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Contant geld gevraagd door een medewerker.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Back on the complaints, without the flagged one",
            trigger: ".o_action_manager:not(:has(.modal)) .o_kanban_view, .o_action_manager:not(:has(.modal)) .o_list_view",
        },
    ],
});
