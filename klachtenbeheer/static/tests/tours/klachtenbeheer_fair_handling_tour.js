/** @odoo-module **/
// Copyright 2026 klachtenbeheer contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A handler hands a complaint about a colleague to the manager (Awb 9:7) and
// plans a three-way conversation (Utrecht interview) from the complaint form.
registry.category("web_tour.tours").add("klachtenbeheer_fair_handling_tour", {
    steps: () => [
        {
            content: "Hand the complaint to the team manager",
            trigger: "button[name=action_assign_manager]",
            run: "click",
        },
        {
            content: "The button is gone once the manager handles it",
            trigger: ".o_form_view:not(:has(button[name=action_assign_manager]))",
        },
        {
            content: "Open the hearing tab",
            trigger: ".o_notebook_headers a[name=hearing]",
            run: "click",
        },
        {
            content: "Plan a conversation",
            trigger: "div[name=hearing_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Set its date",
            trigger: ".modal div[name=date] input",
            run: "edit 03/02/2026 09:00:00",
        },
        {
            content: "Where",
            trigger: ".modal div[name=location] input",
            run: "edit Spreekkamer 2",
        },
        {
            content: "Save the conversation",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "It is listed",
            trigger: "div[name=hearing_ids] .o_data_row:contains(Three-way Conversation)",
        },
        {
            content: "Save the complaint",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});
