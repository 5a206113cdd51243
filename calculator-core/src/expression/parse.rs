//! Lexer and parser of the policy expression language.
//!
//! The grammar, loosest binding first:
//!
//! ```text
//! expr     := "if" expr "then" expr ("elif" expr "then" expr)* "else" expr | or
//! or       := and ("or" and)*
//! and      := not ("and" not)*
//! not      := "not" not | compare
//! compare  := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") sum)?
//! sum      := product (("+" | "-") product)*
//! product  := unary (("*" | "/") unary)*
//! unary    := "-" unary | primary
//! primary  := number | string | "true" | "false" | name | name "(" args ")"
//!           | "(" expr ")" | "[" items "]"
//! ```
//!
//! Numbers are exact decimals and may carry the suffixes the documents use:
//! `20%` is 0.2, `300万` is 3 000 000, `2亿` is 200 000 000. `≤ ≥ ≠ × ÷` are
//! accepted for `<= >= != * /`, so a formula can be copied from a document.

pub use super::cmp::CmpOp;
use rust_decimal::Decimal;

/// Byte range of a piece of source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    fn to(self, other: Span) -> Span {
        Span { start: self.start, end: other.end }
    }
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A parsed, not yet checked, expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Where it stands in the source.
    pub span: Span,
}

/// The kinds of syntax node.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A decimal literal, suffixes applied.
    Number(Decimal),
    /// A string literal.
    Str(String),
    /// `true` / `false`.
    Bool(bool),
    /// A variable, parameter or step name.
    Name(String),
    /// `[a, b, …]`, only on the right of `in`.
    List(Vec<Node>),
    /// `f(a, b, …)`.
    Call(String, Vec<Node>),
    /// `-x`.
    Neg(Box<Node>),
    /// `not x`.
    Not(Box<Node>),
    /// `a + b` …
    Arith(ArithOp, Box<Node>, Box<Node>),
    /// `a < b` …
    Cmp(CmpOp, Box<Node>, Box<Node>),
    /// `a in [..]`.
    In(Box<Node>, Box<Node>),
    /// `a and b and …`.
    And(Vec<Node>),
    /// `a or b or …`.
    Or(Vec<Node>),
    /// `if c then a elif … else b`.
    If(Vec<(Node, Node)>, Box<Node>),
}

/// A syntax error: what was wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub span: Span,
    /// What (English; the catalog loader localizes the frame around it).
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(Decimal),
    Str(String),
    Ident(String),
    LParen,
    RParen,
    LBrack,
    RBrack,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Cmp(CmpOp),
    Eof,
}

/// How deeply expressions may nest: a hostile catalog must not exhaust the stack.
const MAX_DEPTH: usize = 64;

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn err(&self, start: usize, message: impl Into<String>) -> SyntaxError {
        let end = (start + 1).min(self.src.len()).max(start);
        SyntaxError { span: Span { start, end }, message: message.into() }
    }

    fn tokens(mut self) -> Result<Vec<(Tok, Span)>, SyntaxError> {
        let mut out = Vec::new();
        loop {
            let rest = &self.src[self.pos..];
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            let start = self.pos;
            let Some(c) = trimmed.chars().next() else {
                out.push((Tok::Eof, Span { start, end: start }));
                return Ok(out);
            };
            let single = |t: Tok, len: usize| (t, len);
            let (tok, len) = match c {
                '(' => single(Tok::LParen, 1),
                ')' => single(Tok::RParen, 1),
                '[' => single(Tok::LBrack, 1),
                ']' => single(Tok::RBrack, 1),
                ',' => single(Tok::Comma, 1),
                '+' => single(Tok::Plus, 1),
                '-' => single(Tok::Minus, 1),
                '*' => single(Tok::Star, 1),
                '/' => single(Tok::Slash, 1),
                '×' => single(Tok::Star, c.len_utf8()),
                '÷' => single(Tok::Slash, c.len_utf8()),
                '≤' => single(Tok::Cmp(CmpOp::Le), c.len_utf8()),
                '≥' => single(Tok::Cmp(CmpOp::Ge), c.len_utf8()),
                '≠' => single(Tok::Cmp(CmpOp::Ne), c.len_utf8()),
                '<' | '>' | '=' | '!' => {
                    let two = trimmed.get(..2).unwrap_or("");
                    match two {
                        "<=" => (Tok::Cmp(CmpOp::Le), 2),
                        ">=" => (Tok::Cmp(CmpOp::Ge), 2),
                        "==" => (Tok::Cmp(CmpOp::Eq), 2),
                        "!=" => (Tok::Cmp(CmpOp::Ne), 2),
                        _ if c == '<' => (Tok::Cmp(CmpOp::Lt), 1),
                        _ if c == '>' => (Tok::Cmp(CmpOp::Gt), 1),
                        _ if c == '=' => return Err(self.err(start, "use `==` to compare")),
                        _ => return Err(self.err(start, "use `not` or `!=`")),
                    }
                }
                '"' | '\'' => {
                    let body = &trimmed[1..];
                    let Some(end) = body.find(c) else {
                        return Err(self.err(start, "string is not closed"));
                    };
                    (Tok::Str(body[..end].to_string()), end + 2)
                }
                '0'..='9' => self.number(trimmed, start)?,
                c if c.is_ascii_alphabetic() || c == '_' => {
                    let len = trimmed.find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')).unwrap_or(trimmed.len());
                    (Tok::Ident(trimmed[..len].to_string()), len)
                }
                other => return Err(self.err(start, format!("unexpected character `{other}`"))),
            };
            self.pos += len;
            out.push((tok, Span { start, end: self.pos }));
        }
    }

    fn number(&self, s: &str, start: usize) -> Result<(Tok, usize), SyntaxError> {
        let mut len = s.bytes().take_while(u8::is_ascii_digit).count();
        if s[len..].starts_with('.') && s[len + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            len += 1 + s[len + 1..].bytes().take_while(u8::is_ascii_digit).count();
        }
        let mut value = Decimal::from_str_exact(&s[..len]).map_err(|_| self.err(start, format!("number `{}` is too large or too precise", &s[..len])))?;
        let rest = &s[len..];
        let mut used = len;
        let scale = if rest.starts_with('%') {
            used += 1;
            Some((Decimal::ONE_HUNDRED, false))
        } else if rest.starts_with('万') {
            used += '万'.len_utf8();
            Some((Decimal::from(10_000), true))
        } else if rest.starts_with('亿') {
            used += '亿'.len_utf8();
            Some((Decimal::from(100_000_000), true))
        } else {
            None
        };
        if let Some((factor, multiply)) = scale {
            let scaled = if multiply { value.checked_mul(factor) } else { value.checked_div(factor) };
            value = scaled.ok_or_else(|| self.err(start, "number is too large"))?;
        }
        if s[used..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            return Err(self.err(start + used, "a number cannot run into a name; add a space or an operator"));
        }
        Ok((Tok::Num(value.normalize()), used))
    }
}

struct Parser {
    toks: Vec<(Tok, Span)>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.at].0
    }

    fn span(&self) -> Span {
        self.toks[self.at].1
    }

    fn bump(&mut self) -> (Tok, Span) {
        let t = self.toks[self.at].clone();
        if self.at + 1 < self.toks.len() {
            self.at += 1;
        }
        t
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == kw)
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError { span: self.span(), message: message.into() })
    }

    fn expect_kw(&mut self, kw: &str) -> Result<(), SyntaxError> {
        if self.is_kw(kw) {
            self.bump();
            Ok(())
        } else {
            self.err(format!("expected `{kw}`"))
        }
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<Span, SyntaxError> {
        if *self.peek() == tok {
            Ok(self.bump().1)
        } else {
            self.err(format!("expected {what}"))
        }
    }

    fn expr(&mut self) -> Result<Node, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("expression nests too deeply");
        }
        let result = if self.is_kw("if") { self.if_expr() } else { self.or() };
        self.depth -= 1;
        result
    }

    fn if_expr(&mut self) -> Result<Node, SyntaxError> {
        let start = self.bump().1;
        let mut arms = Vec::new();
        loop {
            let cond = self.expr()?;
            self.expect_kw("then")?;
            let value = self.expr()?;
            arms.push((cond, value));
            if self.is_kw("elif") {
                self.bump();
                continue;
            }
            self.expect_kw("else")?;
            let other = self.expr()?;
            let span = start.to(other.span);
            return Ok(Node { kind: NodeKind::If(arms, Box::new(other)), span });
        }
    }

    fn chain(&mut self, kw: &str, next: fn(&mut Parser) -> Result<Node, SyntaxError>, make: fn(Vec<Node>) -> NodeKind) -> Result<Node, SyntaxError> {
        let first = next(self)?;
        if !self.is_kw(kw) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.is_kw(kw) {
            self.bump();
            items.push(next(self)?);
        }
        let span = items[0].span.to(items[items.len() - 1].span);
        Ok(Node { kind: make(items), span })
    }

    fn or(&mut self) -> Result<Node, SyntaxError> {
        self.chain("or", Parser::and, NodeKind::Or)
    }

    fn and(&mut self) -> Result<Node, SyntaxError> {
        self.chain("and", Parser::not, NodeKind::And)
    }

    fn not(&mut self) -> Result<Node, SyntaxError> {
        if self.is_kw("not") {
            let start = self.bump().1;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.err("expression nests too deeply");
            }
            let inner = self.not()?;
            self.depth -= 1;
            let span = start.to(inner.span);
            return Ok(Node { kind: NodeKind::Not(Box::new(inner)), span });
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Node, SyntaxError> {
        let left = self.sum()?;
        let kind = match self.peek() {
            Tok::Cmp(op) => {
                let op = *op;
                self.bump();
                let right = self.sum()?;
                let span = left.span.to(right.span);
                return Ok(Node { kind: NodeKind::Cmp(op, Box::new(left), Box::new(right)), span });
            }
            Tok::Ident(s) if s == "in" => {
                self.bump();
                let right = self.sum()?;
                let span = left.span.to(right.span);
                Node { kind: NodeKind::In(Box::new(left), Box::new(right)), span }
            }
            _ => return Ok(left),
        };
        Ok(kind)
    }

    fn sum(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Tok::Plus => ArithOp::Add,
                Tok::Minus => ArithOp::Sub,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.product()?;
            let span = left.span.to(right.span);
            left = Node { kind: NodeKind::Arith(op, Box::new(left), Box::new(right)), span };
        }
    }

    fn product(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Star => ArithOp::Mul,
                Tok::Slash => ArithOp::Div,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.unary()?;
            let span = left.span.to(right.span);
            left = Node { kind: NodeKind::Arith(op, Box::new(left), Box::new(right)), span };
        }
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        if *self.peek() == Tok::Minus {
            let start = self.bump().1;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.err("expression nests too deeply");
            }
            let inner = self.unary()?;
            self.depth -= 1;
            let span = start.to(inner.span);
            // Fold `-5` into a literal so that `in [-1, 2]` and thresholds stay constants.
            if let NodeKind::Number(n) = inner.kind {
                return Ok(Node { kind: NodeKind::Number(-n), span });
            }
            return Ok(Node { kind: NodeKind::Neg(Box::new(inner)), span });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        let (tok, span) = self.bump();
        let kind = match tok {
            Tok::Num(n) => NodeKind::Number(n),
            Tok::Str(s) => NodeKind::Str(s),
            Tok::LParen => {
                let inner = self.expr()?;
                let end = self.expect(Tok::RParen, "`)`")?;
                return Ok(Node { kind: inner.kind, span: span.to(end) });
            }
            Tok::LBrack => {
                let (items, end) = self.items(Tok::RBrack, "`]`")?;
                return Ok(Node { kind: NodeKind::List(items), span: span.to(end) });
            }
            Tok::Ident(name) => match name.as_str() {
                "true" => NodeKind::Bool(true),
                "false" => NodeKind::Bool(false),
                "and" | "or" | "not" | "in" | "if" | "then" | "elif" | "else" => {
                    return Err(SyntaxError { span, message: format!("expected a value, found `{name}`") })
                }
                _ if *self.peek() == Tok::LParen => {
                    self.bump();
                    let (args, end) = self.items(Tok::RParen, "`)`")?;
                    return Ok(Node { kind: NodeKind::Call(name, args), span: span.to(end) });
                }
                _ => NodeKind::Name(name),
            },
            Tok::Eof => return Err(SyntaxError { span, message: "expression ends too early".into() }),
            _ => return Err(SyntaxError { span, message: "expected a value".into() }),
        };
        Ok(Node { kind, span })
    }

    fn items(&mut self, close: Tok, what: &str) -> Result<(Vec<Node>, Span), SyntaxError> {
        let mut items = Vec::new();
        if *self.peek() == close {
            return Ok((items, self.bump().1));
        }
        loop {
            items.push(self.expr()?);
            if *self.peek() == Tok::Comma {
                self.bump();
                if *self.peek() == close {
                    return Ok((items, self.bump().1));
                }
                continue;
            }
            let end = self.expect(close.clone(), &format!("`,` or {what}"))?;
            return Ok((items, end));
        }
    }
}

/// Parses one expression.
///
/// ```
/// use calculator_core::expression::parse;
/// assert!(parse("taxable_income <= 300万 and employees <= 300").is_ok());
/// assert!(parse("taxable_income <=").is_err());
/// ```
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    let toks = Lexer { src, pos: 0 }.tokens()?;
    let mut p = Parser { toks, at: 0, depth: 0 };
    let node = p.expr()?;
    if *p.peek() != Tok::Eof {
        return p.err("unexpected text after the end of the expression");
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn suffixes() {
        assert_eq!(parse("300万").unwrap().kind, NodeKind::Number(num("3000000")));
        assert_eq!(parse("2.5%").unwrap().kind, NodeKind::Number(num("0.025")));
        assert_eq!(parse("2亿").unwrap().kind, NodeKind::Number(num("200000000")));
        assert_eq!(parse("-5").unwrap().kind, NodeKind::Number(num("-5")));
    }

    #[test]
    fn precedence() {
        let n = parse("a + b * c >= 1 and not d or e").unwrap();
        let NodeKind::Or(items) = n.kind else { panic!("or at the top") };
        assert!(matches!(items[0].kind, NodeKind::And(_)));
    }

    #[test]
    fn errors_are_located() {
        let e = parse("a >= (b + 1").unwrap_err();
        assert_eq!(e.span.start, 11);
        let e = parse("a = 1").unwrap_err();
        assert_eq!(e.span.start, 2);
        assert!(parse("9999999999999999999999999999999").is_err());
        assert!(parse("5万x").is_err());
        assert!(parse("'open").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let src = "(".repeat(10_000) + "1" + &")".repeat(10_000);
        assert!(parse(&src).is_err());
        let src = "not ".repeat(10_000) + "true";
        assert!(parse(&src).is_err());
        let src = "-".repeat(10_000) + "x";
        assert!(parse(&src).is_err());
    }
}
