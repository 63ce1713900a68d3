-- Test plan: an evidence_policy that does not exist.
inherit "hanoi-2025"

plan {
  id = "minh-chung-sai",
  evidence_policy = "bo_qua",
}
