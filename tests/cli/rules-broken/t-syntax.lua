-- t-syntax (CLI tests): does not compile; loading this directory fails (exit 3).
return {
  id = "t-syntax",
