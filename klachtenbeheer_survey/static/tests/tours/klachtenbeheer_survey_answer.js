/** @odoo-module **/
// The complainant answers the satisfaction survey from the invitation
// link: grades for the handling and the outcome, comments, the aspect that
// mattered most, no call back; then submits.
import {registry} from "@web/core/registry";

const question = (text) => `div.js_question-wrapper:contains("${text}")`;

registry.category("web_tour.tours").add("klachtenbeheer_survey_answer", {
    steps: () => [
        {
            content: "Start the survey",
            trigger: "button.btn:contains('Start')",
            run: "click",
        },
        {
            content: "Grade 8 for the handling",
            trigger: `${question("rate the handling")} label:contains("8")`,
            run: "click",
        },
        {
            content: "Grade 3 for the outcome",
            trigger: `${question("rate the outcome")} label:contains("3")`,
            run: "click",
        },
        {
            content: "What was good",
            trigger: `${question("What was good")} textarea`,
            run: "edit Goed geluisterd",
        },
        {
            content: "What could be better",
            trigger: `${question("What could we do better")} textarea`,
            run: "edit Sneller repareren",
        },
        {
            content: "Aspect that mattered most",
            trigger: `${question("Which aspect mattered most")} label:contains("Being heard")`,
            run: "click",
        },
        {
            content: "No call back",
            trigger: `${question("May we call you")} label:contains("No, thank you")`,
            run: "click",
        },
        {
            content: "Submit",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "Thank you page",
            trigger: ".o_survey_finished:contains('Thank you for your answers')",
        },
    ],
});
