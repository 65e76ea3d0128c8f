#!/bin/sh
# error-coverage.sh [-v] — which error messages in mlm's sources have a test in tests/errors/.
#
# A tool, not part of `make check`. Collects the messages mlm can print:
#   - the format (3rd argument) of interp_error, parse_error_at, diag_set, linalg.c's and
#     resolve.c's fail(), and files.c's snprintf(err, errsize, …) (both arms of a ?: count);
#   - the lexer's error tokens (grammar/lexer.re: tok->text = "…"; RET(LX_ERROR));
#   - main.c's "mlm: …" lines on stderr;
#   - prob.c's messages, built piecewise with text_append(&msg, "…") (pieces that start with
#     a letter).
# A message counts as tested when some line of a tests/errors/*.err matches its whole
# format, each conversion (%d, %s, %.15g, …) standing for any text: stricter than matching
# the constant prefix before the first %, which for a format such as "%s: argument %d must
# be a scalar" is empty. Pure forwarders ("%s", "mlm: %s") are not messages and are skipped.
# Prints "error messages: N in the sources, M tested" (distinct texts; "(+2)" after a place
# means two more places print the same text) and every untested one (-v: the tested too).
cd "$(dirname "$0")/.." || exit 2
exec perl -e '
use strict; use warnings;
my $verbose = @ARGV && $ARGV[0] eq "-v";
my @files = (glob("src/*.c"), "grammar/parser.y", "grammar/lexer.re");
my $tests = "";
for my $t (glob("tests/errors/*.err")) { local $/; open(my $fh, "<", $t) or next; $tests .= <$fh> . "\n"; }

# blank comments out (keeping newlines and offsets), leaving strings alone
sub strip_comments {
    my ($s) = @_;
    $s =~ s{("(?:[^"\\\n]|\\.)*")|(\x27(?:[^\x27\\\n]|\\.)*\x27)|(/\*.*?\*/)|(//[^\n]*)}{
        defined $1 ? $1 : defined $2 ? $2 : ($3 // $4) =~ s/[^\n]/ /gr }gse;
    return $s;
}
sub unescape { my ($s) = @_; $s =~ s/\\(.)/$1 eq "n" ? "\n" : $1 eq "t" ? "\t" : $1/ge; return $s; }
# string-literal groups ("a" "b" is one) in an expression
sub literals {
    my ($e) = @_; my @out;
    while ($e =~ /((?:"(?:[^"\\\n]|\\.)*"\s*)+)/g) {
        my $g = $1; my $s = "";
        $s .= $1 while $g =~ /"((?:[^"\\\n]|\\.)*)"/g;
        push @out, unescape($s);
    }
    return @out;
}
# the top-level arguments of the call whose "(" is at $pos
sub call_args {
    my ($s, $pos) = @_;
    my ($depth, $cur, @args) = (0, "");
    for (my $i = $pos; $i < length $s; $i++) {
        my $c = substr($s, $i, 1);
        if ($c eq "\"" || $c eq "\x27") {
            my $rest = substr($s, $i);
            $rest =~ /^(${c}(?:[^${c}\\\n]|\\.)*${c})/s or last;
            $cur .= $1; $i += length($1) - 1; next;
        }
        if ($c eq "(" || $c eq "[" || $c eq "{") { $depth++; next if $depth == 1; }
        if ($c eq ")" || $c eq "]" || $c eq "}") { $depth--; if ($depth == 0) { push @args, $cur; last; } }
        if ($c eq "," && $depth == 1) { push @args, $cur; $cur = ""; next; }
        $cur .= $c;
    }
    return @args;
}
my @msgs; # [file, line, text]
for my $f (@files) {
    open(my $fh, "<", $f) or next; local $/; my $raw = <$fh>; close $fh;
    # lexer.re: the rules sit inside a /*!re2c … */ comment
    my $s = $f =~ /\.re$/ ? $raw : strip_comments($raw);
    my $line_of = sub { my $p = shift; return 1 + (substr($s, 0, $p) =~ tr/\n//); };
    my %seen;
    my $add = sub { my ($p, $m) = @_; my $l = $line_of->($p); return if $seen{"$l\0$m"}++; push @msgs, [$f, $l, $m]; };
    while ($s =~ /\b(interp_error|parse_error_at|diag_set|fail|snprintf)\s*\(/g) {
        my ($fn, $at) = ($1, pos($s) - 1);
        my @a = call_args($s, $at);
        next if @a < 3;
        next if $fn eq "snprintf" && !($f eq "src/files.c" && $a[0] =~ /^\s*err\s*$/);
        next if $fn eq "fail" && $f !~ m{src/(linalg|resolve)\.c$};
        $add->($at, $_) for literals($a[2]);
    }
    if ($f =~ /lexer\.re$/) {
        while ($s =~ /tok->text\s*=\s*"((?:[^"\\]|\\.)*)"\s*;\s*RET\(LX_ERROR\)/g) { $add->(pos($s), unescape($1)); }
    }
    if ($f eq "src/main.c") {
        while ($s =~ /"(mlm: (?:[^"\\]|\\.)*)"/g) { my $m = unescape($1); $m =~ s/\n$//; $add->(pos($s), $m); }
    }
    if ($f eq "src/prob.c") {
        while ($s =~ /text_append\(&msg,\s*"([A-Za-z](?:[^"\\]|\\.)*)"/g) { $add->(pos($s), unescape($1)); }
    }
}
# one entry per distinct message, with the places that print it
my (%places, @order);
for my $m (@msgs) {
    push @order, $m->[2] unless $places{$m->[2]};
    push @{$places{$m->[2]}}, sprintf("%s:%d", $m->[0], $m->[1]);
}
my ($n, $tested, @untested) = (0, 0);
for my $text (@order) {
    my @parts = split /%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGaAcsp%]/, $text, -1;
    my $constant = join("", @parts);
    next if $constant =~ /^\s*(mlm:)?\s*$/;  # a forwarder such as "%s", "mlm: %s"
    my $re = join("[^\n]*?", map { quotemeta } @parts);
    $n++;
    my $ok = $tests =~ /$re/;
    $tested++ if $ok;
    my @p = @{$places{$text}};
    my $where = $p[0] . (@p > 1 ? sprintf(" (+%d)", @p - 1) : "");
    (my $shown = $text) =~ s/\n/\\n/g;
    if (!$ok) { push @untested, "  $where: $shown"; }
    elsif ($verbose) { print "  tested $where: $shown\n"; }
}
printf "error messages: %d in the sources, %d tested (%d%%)\n", $n, $tested, $n ? 100 * $tested / $n : 0;
if (@untested) { print "untested:\n"; print "$_\n" for @untested; }
' -- "$@"
