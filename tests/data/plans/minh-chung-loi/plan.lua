-- Test plan: the bundled plan with evidence_policy = "loi".
inherit "hanoi-2025"

plan {
  id = "minh-chung-loi",
  evidence_policy = "loi",
}
