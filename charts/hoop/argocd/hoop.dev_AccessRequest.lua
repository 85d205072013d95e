-- Argo CD health of a hoop.dev AccessRequest, from status.phase: waiting or running is Progressing, done is Healthy,
-- refused or failed is Degraded (a cancelled request did not run either).
local hs = {}
local phase = nil
if obj.status ~= nil then
  phase = obj.status.phase
end
local approvals = ""
if obj.status ~= nil and obj.status.approvals ~= nil then
  approvals = " (" .. obj.status.approvals .. " approvals)"
end
if phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to match a policy."
elseif phase == "Pending" then
  hs.status = "Progressing"
  hs.message = "Waiting for approval" .. approvals .. "."
elseif phase == "Approved" then
  hs.status = "Progressing"
  hs.message = "Approved" .. approvals .. "; waiting for the gateway to run it."
elseif phase == "Executing" then
  hs.status = "Progressing"
  hs.message = "The gateway is running the operation."
elseif phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "The operation ran and succeeded."
elseif phase == "Denied" or phase == "Expired" or phase == "Failed" or phase == "Cancelled" then
  hs.status = "Degraded"
  hs.message = phase
  if obj.status.execution ~= nil and obj.status.execution.error ~= nil then
    hs.message = phase .. ": " .. obj.status.execution.error
  end
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
