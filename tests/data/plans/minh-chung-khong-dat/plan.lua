-- Test plan: the bundled plan with evidence_policy = "khong_dat".
inherit "hanoi-2025"

plan {
  id = "minh-chung-khong-dat",
  evidence_policy = "khong_dat",
}
