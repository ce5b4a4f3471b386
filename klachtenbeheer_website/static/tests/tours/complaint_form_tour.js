/** @odoo-module **/
// Copyright 2026 klachtenbeheer contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

function attachFile(name, content, type) {
    return function () {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], name, {type}));
        this.anchor.files = transfer.files;
    };
}

registry.category("web_tour.tours").add("klachtenbeheer_website_complaint", {
    url: "/nl/klacht",
    steps: () => [
        {
            content: "Name",
            trigger: "form.o_klachtenbeheer_complaint_form input[name=contact_name]",
            run: "edit Joost Tourman",
        },
        {
            content: "E-mail",
            trigger: "input[name=email_from]",
            run: "edit joost.tourman@example.com",
        },
        {content: "Phone", trigger: "input[name=phone]", run: "edit 0612345678"},
        {content: "Street", trigger: "input[name=street]", run: "edit Lijnbaan 5"},
        {content: "Zip", trigger: "input[name=zip]", run: "edit 3512 AB"},
        {content: "City", trigger: "input[name=city]", run: "edit Utrecht"},
        {
            content: "Category: the first one",
            trigger: "select[name=category_id]",
            run: "selectByIndex 1",
        },
        {
            content: "Description",
            trigger: "textarea[name=description]",
            run: "edit De lift in ons portiek is al twee weken kapot.",
        },
        {
            content: "Desired outcome",
            trigger: "textarea[name=desired_outcome]",
            run: "edit Lift repareren en excuses.",
        },
        {
            content: "Preferred handling",
            trigger: "select[name=handling_preference]",
            run: "select phone_visit",
        },
        {
            content: "A photo of the lift",
            trigger: "input[name=attachments]",
            run: attachFile("lift.pdf", "%PDF-1.4\n% lift\n", "application/pdf"),
        },
        {content: "Privacy", trigger: "input[name=privacy]", run: "check"},
        {
            content: "Send",
            trigger: "button.o_klachtenbeheer_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The case number is shown",
            trigger: ".o_klachtenbeheer_web_thanks .o_klachtenbeheer_number",
        },
    ],
});

registry.category("web_tour.tours").add("klachtenbeheer_website_complaint_errors", {
    url: "/nl/klacht",
    steps: () => [
        {
            content: "Name",
            trigger: "form.o_klachtenbeheer_complaint_form input[name=contact_name]",
            run: "edit Joost Foutman",
        },
        {
            content: "A wrong e-mail address",
            trigger: "input[name=email_from]",
            run: "edit joost-at-example",
        },
        {
            content: "Desired outcome",
            trigger: "textarea[name=desired_outcome]",
            run: "edit Een gesprek.",
        },
        {content: "Privacy", trigger: "input[name=privacy]", run: "check"},
        {
            content: "Send without a description",
            trigger: "button.o_klachtenbeheer_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Dutch error: the e-mail address",
            trigger:
                ".o_klachtenbeheer_errors li:contains('Het e-mailadres joost-at-example is niet geldig.')",
        },
        {
            content: "Dutch error: the description",
            trigger: ".o_klachtenbeheer_errors li:contains('Beschrijf uw klacht.')",
        },
        {
            content: "The name is kept",
            trigger: "input[name=contact_name]:value('Joost Foutman')",
        },
        {
            content: "The wrong e-mail address is kept and marked",
            trigger: "input[name=email_from].is-invalid:value('joost-at-example')",
        },
        {
            content: "The desired outcome is kept",
            trigger: "textarea[name=desired_outcome]:value('Een gesprek.')",
        },
        {
            content: "The privacy consent is kept",
            trigger: "input[name=privacy]:checked",
        },
        {
            content: "Correct the e-mail address",
            trigger: "input[name=email_from]",
            run: "edit joost.foutman@example.com",
        },
        {
            content: "Describe the complaint",
            trigger: "textarea[name=description].is-invalid",
            run: "edit Niemand belt terug.",
        },
        {
            content: "Send again",
            trigger: "button.o_klachtenbeheer_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Now the case number is shown",
            trigger: ".o_klachtenbeheer_web_thanks .o_klachtenbeheer_number",
        },
    ],
});
