/** @odoo-module **/
// A coordinator sets the complaint address domain in Complaints >
// Configuration > Settings; the first setup line turns done.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("klachtenbeheer_settings_alias_domain", {
    steps: () => [
        {
            content: "The complaint address is still missing",
            trigger: ".o_kb_setup_checklist li.o_kb_setup_todo[data-check='address']",
        },
        {
            content: "Fill in the domain",
            trigger: "div[name='klachtenbeheer_alias_domain_name'] input",
            run: "edit tour-corporatie.nl",
        },
        {
            content: "Save",
            trigger: ".o_control_panel .o_form_button_save, button[name='execute']",
            run: "click",
        },
        {
            content: "The complaint address is done",
            trigger: ".o_kb_setup_checklist li.o_kb_setup_done[data-check='address']",
        },
    ],
});
