-- W1: s = sum_{i=1}^{N} 1/i^2 as a scalar loop.
local n = 10000000
local s = 0.0
for i = 1, n do
  s = s + 1 / (i * i)
end
print(string.format("%.17g", s))
