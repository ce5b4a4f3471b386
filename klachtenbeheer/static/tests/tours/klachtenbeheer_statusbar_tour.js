/** @odoo-module **/
// A coordinator opens a complaint under investigation: every open stage of
// the pipeline, "Beantwoord" and "Nazorg" included, shows in the status bar
// itself, not behind "…" because the header buttons take its room.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("klachtenbeheer_statusbar", {
    steps: () => [
        {
            content: "The complaint form is open",
            trigger: ".o_form_view .o_statusbar_status",
        },
        {
            content: "The current stage shows",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('In onderzoek')",
        },
        {
            content: "Beantwoord shows in the bar",
            trigger: ".o_statusbar_status .o_arrow_button:not(.d-none):contains('Beantwoord')",
        },
        {
            content: "Nazorg shows in the bar",
            trigger: ".o_statusbar_status .o_arrow_button:not(.d-none):contains('Nazorg')",
        },
        {
            content: "Geregistreerd shows in the bar",
            trigger: ".o_statusbar_status .o_arrow_button:not(.d-none):contains('Geregistreerd')",
        },
    ],
});
