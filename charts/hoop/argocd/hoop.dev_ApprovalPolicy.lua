-- Argo CD health of a hoop.dev ApprovalPolicy: Ready when its rules compiled, Degraded (InvalidRules) when they did not.
local hs = {}
local function condition(name)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == name then
        return c
      end
    end
  end
  return nil
end
if obj.status ~= nil and obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "The operator has not validated the latest rules yet."
  return hs
end
local degraded = condition("Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = degraded.message or degraded.reason or "The rules are invalid."
  return hs
end
local ready = condition("Ready")
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "The rules are in force."
  return hs
end
hs.status = "Progressing"
hs.message = "Waiting for the operator to validate the rules."
return hs
