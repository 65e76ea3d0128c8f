-- W6: 10^7 steps of gradient descent on x^2 (runs mostly on subnormals).
local x, lr = 5.0, 0.1
for _ = 1, 10000000 do
  local g = 2 * x
  x = x - lr * g
end
print(string.format("%.17g", x))
