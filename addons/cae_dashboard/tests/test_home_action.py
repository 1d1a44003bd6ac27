from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon

from ..hooks import post_init_hook


@tagged("post_install", "-at_install")
class TestHomeAction(CaeTestCommon):
    """Entrepreneurs land on their dashboard after login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(
            "cae_dashboard.cae_dashboard_entrepreneur_action"
        ).id
        cls.entrepreneur = cls.env.ref("cae_member.cae_member_group_entrepreneur")
        cls.support = cls.env.ref("cae_member.cae_member_group_support")

    def _user(self, login, groups="base.group_user"):
        return new_test_user(
            self.env,
            login=login,
            groups=groups,
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )

    def test_new_entrepreneur_lands_on_the_dashboard(self):
        self.assertEqual(self.user_a.action_id.id, self.dashboard)
        self.assertFalse(self.user_support.action_id)
        self.assertFalse(self.user_admin.action_id)
        self.assertFalse(self.user_manager.action_id)

    def test_given_the_group(self):
        user = self._user("newcomer")
        self.assertFalse(user.action_id)
        user.write({"groups_id": [Command.link(self.entrepreneur.id)]})
        self.assertEqual(user.action_id.id, self.dashboard)
        # through the group, as the onboarding or the settings do
        other = self._user("other_newcomer")
        self.entrepreneur.write({"users": [Command.link(other.id)]})
        self.assertEqual(other.action_id.id, self.dashboard)

    def test_joining_the_support_team_removes_it(self):
        self.user_a.write({"groups_id": [Command.link(self.support.id)]})
        self.assertFalse(self.user_a.action_id)
        # through a group that implies the admin team
        manager = self.env.ref("cae_member.cae_member_group_manager")
        manager.write({"users": [Command.link(self.user_b.id)]})
        self.assertFalse(self.user_b.action_id)

    def test_a_chosen_home_action_is_kept(self):
        chosen = self.env.ref("cae_member.cae_activity_action").id
        user = self._user("chooser")
        user.action_id = chosen
        user.write({"groups_id": [Command.link(self.entrepreneur.id)]})
        self.assertEqual(user.action_id.id, chosen)
        # the entrepreneur changes her home action
        self.user_a.with_user(self.user_a).write({"action_id": chosen})
        self.assertEqual(self.user_a.action_id.id, chosen)

    def test_install_hook_sets_existing_entrepreneurs(self):
        self.user_b.action_id = False
        post_init_hook(self.env)
        self.assertEqual(self.user_b.action_id.id, self.dashboard)
        self.assertFalse(self.user_support.action_id)
