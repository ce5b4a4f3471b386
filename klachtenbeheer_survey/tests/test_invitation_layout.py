# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import formataddr

from .common import KlachtenbeheerSurveyCase


@tagged("post_install", "-at_install")
class TestSurveyInvitationLayout(KlachtenbeheerSurveyCase):
    """The survey invitation is a letter of the organisation like every mail
    to the complainant (klachtenbeheer.mail_layout_complainant)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "woonservice.example"})
        cls.team_a.write(
            {
                "name": "Klachten Woonservice",
                "alias_name": "klachten",
                "alias_domain_id": domain.id,
            }
        )
        cls.company.write({"name": "Woonservice", "street": "Dorpsstraat 1"})
        cls.handler_a.email = "handler.prive@example.com"

    def test_invitation_from_the_team_in_our_layout(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._close(complaint, user=self.handler_a)
        mail = self._invitation_mails(self._invitations(complaint))
        self.assertEqual(len(mail), 1)
        sender = formataddr(("Klachten Woonservice", "klachten@woonservice.example"))
        self.assertEqual(mail.email_from, sender)
        self.assertEqual(mail.reply_to, sender)
        for word in ("Powered by", "Odoo", "/mail/unfollow", "Unfollow"):
            self.assertNotIn(word, mail.body_html)
        self.assertIn("Dorpsstraat 1", mail.body_html)
        self.assertIn(complaint.name, mail.body_html)
        self.assertNotIn(complaint.name.replace("/", "-"), mail.body_html)
