namespace SmsVerify.Server.Templates.Rules;

/// <summary>What a variable may hold at send time; see <see cref="VariableValues.Check"/>.</summary>
// The order is also the priority of inference: a name with a code word is a code whatever else it says.
public enum VariableType { Code, Amount, Date, Time, Phone, Number, Name, Text }

/// <summary>A variable of a template: its name and the type its values are checked against.</summary>
public sealed record TemplateVariable(string Name, VariableType Type);

/// <summary>One <c>${…}</c> in the content: where it is written, and what it declares.</summary>
public readonly record struct VariableToken(int Start, int Length, string Name, VariableType Type);

/// <summary>A <c>${</c> that is not a well-formed variable: where, which rule, and why.</summary>
public readonly record struct VariableProblem(int Start, int Length, string Code, string Message);
